using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace LoadLeak.Scenarios.Http.Raw;

/// <summary>What <see cref="HttpResponseParser.Feed"/> found.</summary>
internal enum ParseStatus { NeedMore, Done, Malformed }

/// <summary>
/// An HTTP/1.x response parser fed the bytes as they arrive, in pieces of any size: status line, headers
/// (Content-Length, Transfer-Encoding, Connection, case-insensitive), then a body of known length, chunked (chunk
/// extensions and trailers skipped) or read to the connection's close. 1xx interim responses are skipped. The body is
/// counted, not kept. One parser per connection, reset per response; it allocates only for a non-2xx reason phrase.
/// </summary>
internal sealed class HttpResponseParser
{
    public const int MaxHeadBytes = 64 * 1024;

    private enum State { StatusLine, Headers, FixedBody, ChunkSize, ChunkData, ChunkDataEnd, Trailers, UntilClose, Done }

    private readonly LineAssembler _lines = new();
    private readonly HttpResponseHead _head = new();
    private State _state;
    private bool _isHead;
    private long _remaining;
    private int _headBytes;

    public int StatusCode => _head.StatusCode;
    public string? ReasonPhrase => _head.ReasonPhrase;
    public long BodyBytes { get; private set; }

    /// <summary>Whether the connection may carry the next request once this response is done.</summary>
    public bool KeepAlive { get; private set; }

    /// <summary>Why the response was malformed (set with <see cref="ParseStatus.Malformed"/>).</summary>
    public string? Problem { get; private set; }

    /// <summary>The response has no length: it ends when the server closes the connection.</summary>
    public bool EndsAtClose => _state == State.UntilClose;

    /// <summary>The server sent bytes after the response (nothing was pipelined, so the connection is not reused).</summary>
    public bool HasExtraBytes { get; private set; }

    public void Reset(bool isHead)
    {
        _isHead = isHead;
        _state = State.StatusLine;
        _lines.Reset();
        _head.Reset();
        _remaining = 0;
        _headBytes = 0;
        BodyBytes = 0;
        KeepAlive = false;
        Problem = null;
        HasExtraBytes = false;
    }

    public ParseStatus Feed(ReadOnlySpan<byte> data)
    {
        while (true)
        {
            if (_state == State.Done)
            {
                HasExtraBytes |= !data.IsEmpty;
                return ParseStatus.Done;
            }
            if (_state == State.UntilClose) BodyBytes += data.Length;
            if (data.IsEmpty || _state == State.UntilClose) return ParseStatus.NeedMore;
            if (_state is State.FixedBody or State.ChunkData)
            {
                var take = (int)Math.Min(_remaining, data.Length);
                BodyBytes += take;
                _remaining -= take;
                data = data[take..];
                if (_remaining == 0) _state = _state == State.FixedBody ? State.Done : State.ChunkDataEnd;
                continue;
            }
            var before = data.Length;
            var complete = _lines.TryTake(ref data, out var line, out var tooLong);
            if (_state is State.StatusLine or State.Headers or State.Trailers && (_headBytes += before - data.Length) > MaxHeadBytes)
                return Fail("the response head is longer than " + MaxHeadBytes.ToString(CultureInfo.InvariantCulture) + " bytes");
            if (tooLong) return Fail("a line longer than " + LineAssembler.MaxLineBytes.ToString(CultureInfo.InvariantCulture) + " bytes");
            if (complete && OnLine(line) is { } problem) return Fail(problem);
        }
    }

    private ParseStatus Fail(string problem)
    {
        Problem = problem;
        return ParseStatus.Malformed;
    }

    private string? OnLine(ReadOnlySpan<byte> line)
    {
        switch (_state)
        {
            case State.StatusLine:
                _state = State.Headers;
                return _head.ParseStatusLine(line);
            case State.Headers:
                return line.IsEmpty ? EndOfHead() : _head.ParseField(line);
            case State.ChunkSize:
                return ParseChunkSize(line);
            case State.ChunkDataEnd:
                _state = State.ChunkSize;
                return line.IsEmpty ? null : "no line break after a chunk's data";
            default: // trailers: skipped up to the empty line
                if (line.IsEmpty) _state = State.Done;
                else if (line.IndexOf((byte)':') <= 0) return "a trailer line without a field name";
                return null;
        }
    }

    private string? EndOfHead()
    {
        if (_head.StatusCode is >= 100 and < 200 and not 101)
        {
            // An interim response (100 Continue, 103 Early Hints): the real one follows on the same connection.
            _head.Reset();
            _state = State.StatusLine;
            return null;
        }
        KeepAlive = _head.KeepAlive && _head.StatusCode != 101;
        if (_isHead || _head.StatusCode is 101 or 204 or 304)
            _state = State.Done;
        else if (_head.HasTransferEncoding)
            _state = _head.Chunked ? State.ChunkSize : State.UntilClose;
        else if (_head.ContentLength >= 0)
            (_state, _remaining) = _head.ContentLength == 0 ? (State.Done, 0L) : (State.FixedBody, _head.ContentLength);
        else
            _state = State.UntilClose;
        if (_state == State.UntilClose) KeepAlive = false;
        return null;
    }

    private string? ParseChunkSize(ReadOnlySpan<byte> line)
    {
        // chunk-size [ chunk-ext ]: the extensions (after ';') are skipped.
        var end = line.IndexOfAny((byte)';', (byte)' ', (byte)'\t');
        var hex = end < 0 ? line : line[..end];
        if (hex.IsEmpty || hex.Length > 15 || !Utf8Parser.TryParse(hex, out long size, out var used, 'x') || used != hex.Length)
            return "not a chunk size: '" + Encoding.Latin1.GetString(line[..Math.Min(line.Length, 40)]) + "'";
        if (size == 0) _state = State.Trailers;
        else (_state, _remaining) = (State.ChunkData, size);
        return null;
    }
}
