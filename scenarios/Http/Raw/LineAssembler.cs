namespace LoadLeak.Scenarios.Http.Raw;

/// <summary>
/// Cuts a byte stream that arrives in arbitrary pieces into lines ending in LF (a CR before it is dropped). A line
/// wholly inside one piece is returned as a slice of it, without copying; only a line split across pieces is
/// gathered in a buffer of at most <see cref="MaxLineBytes"/>.
/// </summary>
internal sealed class LineAssembler
{
    public const int MaxLineBytes = 16 * 1024;

    private readonly byte[] _partial = new byte[MaxLineBytes];
    private int _partialLength;

    public void Reset() => _partialLength = 0;

    /// <summary>
    /// Takes the next line off the front of <paramref name="data"/>. False when the line is not complete yet (all of
    /// <paramref name="data"/> was taken) or too long (<paramref name="tooLong"/>).
    /// </summary>
    public bool TryTake(ref ReadOnlySpan<byte> data, out ReadOnlySpan<byte> line, out bool tooLong)
    {
        line = default;
        var end = data.IndexOf((byte)'\n');
        var piece = end < 0 ? data : data[..end];
        tooLong = _partialLength + piece.Length > MaxLineBytes;
        if (tooLong) return false;
        if (end < 0)
        {
            piece.CopyTo(_partial.AsSpan(_partialLength));
            _partialLength += piece.Length;
            data = default;
            return false;
        }
        data = data[(end + 1)..];
        if (_partialLength == 0)
            line = piece;
        else
        {
            piece.CopyTo(_partial.AsSpan(_partialLength));
            line = _partial.AsSpan(0, _partialLength + piece.Length);
            _partialLength = 0;
        }
        if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
        return true;
    }
}
