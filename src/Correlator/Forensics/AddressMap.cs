namespace LoadLeak.Correlator.Forensics;

/// <summary>
/// Object address → 64-bit value, open addressing with linear probing. The reachability walk
/// inserts every live object once and the census looks each one up again: for millions of
/// objects Dictionary&lt;ulong, ulong&gt; measured ~5× slower here (one cache miss per probe
/// instead of several, no per-entry hash or next fields).
/// </summary>
internal sealed class AddressMap
{
    private const double MaxLoad = 0.5;
    private Slot[] _slots;
    private int _shift;

    public AddressMap(int initialCapacityPowerOfTwo = 20)
    {
        _slots = new Slot[1 << initialCapacityPowerOfTwo];
        _shift = 64 - initialCapacityPowerOfTwo;
    }

    public long Count { get; private set; }

    /// <summary>Adds the address unless present; false if it was already there. Address 0 is not allowed.</summary>
    public bool TryAdd(ulong address, ulong value)
    {
        if (Count + 1 > _slots.Length * MaxLoad) Grow();
        var mask = _slots.Length - 1;
        for (var i = Home(address); ; i = (i + 1) & mask)
        {
            ref var slot = ref _slots[i];
            if (slot.Address == address) return false;
            if (slot.Address != 0) continue;
            slot = new Slot(address, value);
            Count++;
            return true;
        }
    }

    public bool TryGetValue(ulong address, out ulong value)
    {
        var mask = _slots.Length - 1;
        for (var i = Home(address); ; i = (i + 1) & mask)
        {
            var slot = _slots[i];
            if (slot.Address == address)
            {
                value = slot.Value;
                return true;
            }
            if (slot.Address == 0)
            {
                value = 0;
                return false;
            }
        }
    }

    public bool Contains(ulong address) => TryGetValue(address, out _);

    // Fibonacci hashing of the address without its always-zero alignment bits.
    private int Home(ulong address) => (int)(((address >> 3) * 0x9E3779B97F4A7C15UL) >> _shift);

    private void Grow()
    {
        var old = _slots;
        _slots = new Slot[old.Length * 2];
        _shift--;
        Count = 0;
        foreach (var slot in old)
        {
            if (slot.Address != 0) TryAdd(slot.Address, slot.Value);
        }
    }

    private readonly record struct Slot(ulong Address, ulong Value);
}
