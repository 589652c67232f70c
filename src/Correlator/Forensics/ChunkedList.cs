namespace LoadLeak.Correlator.Forensics;

/// <summary>
/// An append-only list of unmanaged values in fixed chunks: growing never copies what is
/// there (a doubling array holds old and new copies at once) and no single array gets larger
/// than a chunk, so millions of entries cost their size and nothing more.
/// </summary>
internal sealed class ChunkedList<T> where T : unmanaged
{
    private const int ChunkBits = 18;
    private const int ChunkSize = 1 << ChunkBits;
    private readonly List<T[]> _chunks = [];

    public int Count { get; private set; }

    /// <summary>Appends <paramref name="value"/> and returns its index.</summary>
    public int Add(T value)
    {
        var index = Count;
        if ((index & (ChunkSize - 1)) == 0) _chunks.Add(new T[ChunkSize]);
        _chunks[index >> ChunkBits][index & (ChunkSize - 1)] = value;
        Count++;
        return index;
    }

    public T this[int index] => _chunks[index >> ChunkBits][index & (ChunkSize - 1)];

    /// <summary>Approximate bytes held, for the analysis notes.</summary>
    public long Bytes => (long)_chunks.Count * ChunkSize * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
}
