using System.Text;
using LoadLeak.Scenarios.Template;

namespace LoadLeak.Scenarios.Http.Raw;

/// <summary>
/// The HTTP/1.1 request's bytes, built once: request line, Host, X-Benchmark-ID, the user's Headers, Content-Type and
/// Content-Length when there is a body (or a POST/PUT/PATCH without one), then the body. Every request is one send of
/// <see cref="Bytes"/>. A user Host or Content-Type header replaces the default; Content-Length is always computed.
/// </summary>
internal sealed class RawRequest
{
    private RawRequest(byte[] bytes, bool isHead)
    {
        Bytes = bytes;
        IsHead = isHead;
    }

    public byte[] Bytes { get; }

    /// <summary>A HEAD's response has headers only, whatever its Content-Length says.</summary>
    public bool IsHead { get; }

    public static RawRequest Build(HttpSettings settings)
    {
        var body = settings.Body is null ? [] : Encoding.UTF8.GetBytes(settings.Body);
        var head = new StringBuilder(256);
        head.Append(settings.Method.Method).Append(' ').Append(settings.Url.PathAndQuery).Append(" HTTP/1.1\r\n");
        if (!HasHeader(settings, "Host")) head.Append("Host: ").Append(settings.Url.Authority).Append("\r\n");
        head.Append(RequestTemplate.HeaderName).Append(": ").Append(settings.Template.BenchmarkId).Append("\r\n");
        foreach (var (name, value) in settings.Headers)
            if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                head.Append(name).Append(": ").Append(value).Append("\r\n");
        if (settings.Body is not null || MethodExpectsBody(settings.Method))
        {
            if (!HasHeader(settings, "Content-Type")) head.Append("Content-Type: application/json\r\n");
            head.Append("Content-Length: ").Append(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n");
        }
        head.Append("\r\n");
        // Latin-1, not UTF-8: the settings allow ASCII only in the head, and each char must stay one byte.
        var headBytes = Encoding.Latin1.GetBytes(head.ToString());
        return new RawRequest([.. headBytes, .. body], settings.Method == HttpMethod.Head);
    }

    // As SocketsHttpHandler: a POST, PUT or PATCH without a body still says Content-Length: 0.
    private static bool MethodExpectsBody(HttpMethod method) =>
        method == HttpMethod.Post || method == HttpMethod.Put || method == HttpMethod.Patch;

    private static bool HasHeader(HttpSettings settings, string name) =>
        settings.Headers.Keys.Any(key => key.Equals(name, StringComparison.OrdinalIgnoreCase));
}
