namespace LoadLeak.Correlator.Forensics;

/// <summary>
/// A FIFO of ints in fixed chunks, each released once it is consumed: the breadth-first
/// frontier of a large heap can hold millions of entries, and a Queue&lt;T&gt; would double
/// (and copy) its one array to hold them.
/// </summary>
internal sealed class ChunkedQueue
{
    private const int ChunkSize = 1 << 16;
    private readonly Queue<int[]> _full = new();
    private int[] _head = new int[ChunkSize];
    private int[] _tail;
    private int _headIndex, _headCount, _tailCount;

    public ChunkedQueue() => _tail = _head;

    public long Count { get; private set; }

    public long Peak { get; private set; }

    public void Enqueue(int value)
    {
        if (_tailCount == ChunkSize)
        {
            if (!ReferenceEquals(_tail, _head)) _full.Enqueue(_tail);
            _tail = new int[ChunkSize];
            _tailCount = 0;
        }
        _tail[_tailCount++] = value;
        if (ReferenceEquals(_tail, _head)) _headCount = _tailCount;
        Count++;
        Peak = Math.Max(Peak, Count);
    }

    public bool TryDequeue(out int value)
    {
        if (Count == 0)
        {
            value = 0;
            return false;
        }
        if (_headIndex == _headCount) NextHead();
        value = _head[_headIndex++];
        Count--;
        return true;
    }

    private void NextHead()
    {
        if (_full.TryDequeue(out var next))
        {
            _head = next;
            _headCount = ChunkSize;
        }
        else
        {
            _head = _tail;
            _headCount = _tailCount;
        }
        _headIndex = 0;
    }
}
