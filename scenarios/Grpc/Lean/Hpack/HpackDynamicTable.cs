namespace LoadLeak.Scenarios.Grpc.Lean.Hpack;

/// <summary>
/// RFC 7541 §2.3.2 / §4: the decoder's dynamic table, newest entry first (index 1 here = 62 on the wire),
/// evicting the oldest entries when an insert or a size update leaves it above its maximum size.
/// </summary>
internal sealed class HpackDynamicTable(int maxSize)
{
    private HeaderField[] _ring = new HeaderField[16];
    private int _newest = -1; // ring position of the newest entry
    private int _count;

    public int Count => _count;
    public int Size { get; private set; }
    public int MaxSize { get; private set; } = maxSize;

    /// <summary>The entry at a 1-based index, 1 being the most recently inserted.</summary>
    public HeaderField Get(int index)
    {
        if (index < 1 || index > _count) throw new HpackException($"dynamic table index {index} out of range (it holds {_count})");
        return _ring[(_newest - (index - 1) + _ring.Length) % _ring.Length];
    }

    public void Insert(HeaderField field)
    {
        // An entry larger than the whole table empties it and is not added (§4.4).
        EvictTo(MaxSize - field.Size);
        if (field.Size > MaxSize) return;
        if (_count == _ring.Length) Grow();
        _newest = (_newest + 1) % _ring.Length;
        _ring[_newest] = field;
        _count++;
        Size += field.Size;
    }

    public void Resize(int maxSize)
    {
        MaxSize = maxSize;
        EvictTo(maxSize);
    }

    private void EvictTo(int size)
    {
        while (_count > 0 && Size > Math.Max(0, size))
        {
            var oldest = (_newest - (_count - 1) + _ring.Length) % _ring.Length;
            Size -= _ring[oldest].Size;
            _ring[oldest] = null!;
            _count--;
        }
    }

    private void Grow()
    {
        var bigger = new HeaderField[_ring.Length * 2];
        for (var i = 0; i < _count; i++) bigger[_count - 1 - i] = Get(i + 1);
        _ring = bigger;
        _newest = _count - 1;
    }
}
