using System.Numerics;
using Microsoft.Diagnostics.Runtime;

namespace LoadLeak.Correlator.Forensics;

/// <summary>
/// Numbers every pointer-aligned address of the GC heap's segments densely (segment after
/// segment), so an object's address becomes a 32-bit slot and "seen" is one bit per slot: a
/// bitset of heap/64 bytes (16 MB for a 1 GB heap) instead of a hash map entry per object.
/// </summary>
internal sealed class HeapSlots
{
    private readonly ulong[] _starts;
    private readonly ulong[] _ends;
    private readonly long[] _firstSlots;
    private readonly int _shift;
    private readonly ulong[] _marks;
    private int _lastSegment;

    private HeapSlots(ulong[] starts, ulong[] ends, long[] firstSlots, long count, int pointerSize)
    {
        _starts = starts;
        _ends = ends;
        _firstSlots = firstSlots;
        _shift = BitOperations.Log2((uint)pointerSize);
        Count = count;
        _marks = new ulong[(count + 63) / 64];
    }

    /// <summary>Slots in all segments; at most <see cref="uint.MaxValue"/> (a 32 GB heap).</summary>
    public long Count { get; }

    public long MarkBytes => _marks.LongLength * sizeof(ulong);

    public static HeapSlots Of(ClrHeap heap)
    {
        var pointerSize = heap.Runtime.DataTarget.DataReader.PointerSize;
        var segments = heap.Segments.Where(s => s.ObjectRange.Length > 0).OrderBy(s => s.ObjectRange.Start).ToArray();
        var starts = new ulong[segments.Length];
        var ends = new ulong[segments.Length];
        var firstSlots = new long[segments.Length];
        long count = 0;
        for (var i = 0; i < segments.Length; i++)
        {
            starts[i] = segments[i].ObjectRange.Start;
            ends[i] = segments[i].ObjectRange.End;
            firstSlots[i] = count;
            count += (long)(segments[i].ObjectRange.Length / (ulong)pointerSize);
        }
        if (count > uint.MaxValue) throw new InvalidOperationException($"heap of {count * pointerSize / 1048576} MB: too large to walk");
        return new HeapSlots(starts, ends, firstSlots, count, pointerSize);
    }

    /// <summary>The slot of <paramref name="address"/>; -1 when it lies in no segment (not a heap object).</summary>
    public long SlotOf(ulong address)
    {
        if (_starts.Length == 0) return -1;
        var i = _lastSegment;
        if (address < _starts[i] || address >= _ends[i])
        {
            i = FindSegment(address);
            if (i < 0) return -1;
            _lastSegment = i;
        }
        return _firstSlots[i] + (long)((address - _starts[i]) >> _shift);
    }

    public ulong AddressOf(long slot)
    {
        var i = Array.BinarySearch(_firstSlots, slot);
        if (i < 0) i = ~i - 1;
        return _starts[i] + ((ulong)(slot - _firstSlots[i]) << _shift);
    }

    /// <summary>Marks the slot; false when it was marked already.</summary>
    public bool TryMark(long slot)
    {
        ref var word = ref _marks[slot >> 6];
        var bit = 1UL << (int)(slot & 63);
        if ((word & bit) != 0) return false;
        word |= bit;
        return true;
    }

    public bool IsMarked(long slot) => (_marks[slot >> 6] & (1UL << (int)(slot & 63))) != 0;

    private int FindSegment(ulong address)
    {
        int lower = 0, upper = _starts.Length - 1;
        while (lower <= upper)
        {
            var mid = (lower + upper) >>> 1;
            if (address < _starts[mid]) upper = mid - 1;
            else if (address >= _ends[mid]) lower = mid + 1;
            else return mid;
        }
        return -1;
    }
}
