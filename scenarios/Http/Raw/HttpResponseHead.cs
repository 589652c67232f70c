using System.Buffers.Text;
using System.Text;

namespace LoadLeak.Scenarios.Http.Raw;

/// <summary>
/// The parts of a response's status line and header fields that decide how its body is framed and whether the
/// connection stays open: status code, HTTP version, Content-Length, Transfer-Encoding and Connection. Other fields
/// are checked for shape (a name, a colon) and skipped.
/// </summary>
internal sealed class HttpResponseHead
{
    private bool _http10;
    private bool _connectionClose;
    private bool _connectionKeepAlive;

    public int StatusCode { get; private set; }
    public string? ReasonPhrase { get; private set; }
    public long ContentLength { get; private set; } = -1;
    public bool HasTransferEncoding { get; private set; }

    /// <summary>The last transfer coding is chunked (any other final coding means the body runs to the close).</summary>
    public bool Chunked { get; private set; }

    /// <summary>HTTP/1.1 without Connection: close, or HTTP/1.0 with Connection: keep-alive.</summary>
    public bool KeepAlive => !_connectionClose && (!_http10 || _connectionKeepAlive);

    public void Reset()
    {
        StatusCode = 0;
        ReasonPhrase = null;
        ContentLength = -1;
        HasTransferEncoding = Chunked = false;
        _http10 = _connectionClose = _connectionKeepAlive = false;
    }

    /// <summary>"HTTP/1.1 200 OK": null when it parsed, else what is wrong.</summary>
    public string? ParseStatusLine(ReadOnlySpan<byte> line)
    {
        if (line.Length < 12 || !line.StartsWith("HTTP/1."u8) || !char.IsAsciiDigit((char)line[7]) || line[8] != (byte)' '
            || !char.IsAsciiDigit((char)line[9]) || !char.IsAsciiDigit((char)line[10]) || !char.IsAsciiDigit((char)line[11])
            || (line.Length > 12 && line[12] != (byte)' '))
            return "not an HTTP/1.x status line: '" + Shown(line) + "'";
        _http10 = line[7] == (byte)'0';
        StatusCode = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        // Only a failure reports its reason phrase, so only a failure allocates it.
        if (StatusCode is < 200 or > 299 && line.Length > 13) ReasonPhrase = Encoding.Latin1.GetString(line[13..]);
        return null;
    }

    /// <summary>"Name: value": null when it parsed, else what is wrong.</summary>
    public string? ParseField(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        // No whitespace between the name and the colon (RFC 9112 §5.1), and a name is required.
        if (colon <= 0 || line[..colon].IndexOfAny((byte)' ', (byte)'\t') >= 0)
            return "not a header field: '" + Shown(line) + "'";
        var name = line[..colon];
        var value = line[(colon + 1)..].Trim(" \t"u8);
        if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8)) return ParseContentLength(value);
        if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
        {
            HasTransferEncoding = true;
            Chunked = Ascii.EqualsIgnoreCase(LastToken(value), "chunked"u8);
        }
        else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
        {
            foreach (var range in value.Split((byte)','))
            {
                var token = value[range].Trim(" \t"u8);
                _connectionClose |= Ascii.EqualsIgnoreCase(token, "close"u8);
                _connectionKeepAlive |= Ascii.EqualsIgnoreCase(token, "keep-alive"u8);
            }
        }
        return null;
    }

    private string? ParseContentLength(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty || value.Length > 18 || value.ContainsAnyExceptInRange((byte)'0', (byte)'9')
            || !Utf8Parser.TryParse(value, out long length, out _))
            return "not a Content-Length: '" + Shown(value) + "'";
        if (ContentLength >= 0 && ContentLength != length) return "two different Content-Length values";
        ContentLength = length;
        return null;
    }

    private static ReadOnlySpan<byte> LastToken(ReadOnlySpan<byte> value)
    {
        var comma = value.LastIndexOf((byte)',');
        return (comma < 0 ? value : value[(comma + 1)..]).Trim(" \t"u8);
    }

    private static string Shown(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 60)]);
}
