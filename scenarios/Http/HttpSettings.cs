using LoadLeak.Scenarios.Settings;
using LoadLeak.Scenarios.Sockets;
using LoadLeak.Scenarios.Template;

namespace LoadLeak.Scenarios.Http;

/// <summary>The HTTP scenario's CustomSettings, validated.</summary>
public sealed record HttpSettings(
    Uri Url,
    HttpMethod Method,
    Version HttpVersion,
    IReadOnlyDictionary<string, string> Headers,
    string? Body,
    RequestTemplate Template,
    int MaxConnections,
    TimeSpan Timeout)
{
    /// <summary>Whether the connections' I/O completes inline (see <see cref="SocketCompletions"/>).</summary>
    public bool InlineCompletions { get; init; } = SocketCompletions.InlineByDefault;

    /// <summary>SocketsHttpHandler (default) or the raw HTTP/1.1 client; same requests and responses either way.</summary>
    public HttpClientKind Client { get; init; } = HttpClientKind.HttpClient;

    public static HttpSettings Read(SettingsReader reader)
    {
        var urlText = reader.String("Url", "http://127.0.0.1:{port}/api/query");
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            throw reader.Error("Url", $"not an absolute http(s) URL: '{urlText}'");

        var template = TemplateSettings.Read(reader);
        // The uniform template has a body, so the default request is a POST of it; an explicit Body overrides it.
        var body = reader.OptionalBody("Body") ?? template.JsonBody;
        var methodText = reader.OptionalString("Method");
        var method = methodText is null ? HttpMethod.Post : ParseMethod(reader, methodText);
        if (method == HttpMethod.Get || method == HttpMethod.Head) body = reader.OptionalBody("Body");

        var version = reader.Choice("HttpVersion", "1.1", "1.1", "2") == "2" ? System.Net.HttpVersion.Version20 : System.Net.HttpVersion.Version11;
        var headers = reader.StringMap("Headers");
        var client = reader.Choice("Client", "httpclient", "httpclient", "raw") == "raw" ? HttpClientKind.Raw : HttpClientKind.HttpClient;
        if (client == HttpClientKind.Raw) CheckRawClientFits(reader, url, version, headers, template);
        return new HttpSettings(url, method, version, headers, body, template,
            reader.Int("MaxConnections", 100, 1, 100_000),
            TimeSpan.FromMilliseconds(reader.Int("TimeoutMs", 30_000, 1, 3_600_000)))
        {
            InlineCompletions = SocketCompletions.Read(reader),
            Client = client,
        };
    }

    // The raw client writes the request's bytes itself: plain HTTP/1.1 only, and no header may smuggle a line break.
    private static void CheckRawClientFits(SettingsReader reader, Uri url, Version version, IReadOnlyDictionary<string, string> headers,
        RequestTemplate template)
    {
        if (url.Scheme != Uri.UriSchemeHttp)
            throw reader.Error("Url", $"Client 'raw' speaks plain http only, not '{url.Scheme}' (use Client 'httpclient' for https)");
        if (version != System.Net.HttpVersion.Version11)
            throw reader.Error("HttpVersion", "Client 'raw' speaks HTTP/1.1 only (use Client 'httpclient' for HTTP/2)");
        foreach (var (name, value) in headers)
        {
            if (name.Length == 0 || !name.All(IsTokenChar))
                throw reader.Error("Headers." + name, $"not a valid header name: '{name}'");
            if (value.Any(c => c is '\r' or '\n' or '\0' || c > '\x7e'))
                throw reader.Error("Headers." + name, "the value must be printable ASCII without line breaks");
        }
        if (template.BenchmarkId.Any(c => c is < ' ' or > '\x7e'))
            throw reader.Error("BenchmarkId", "must be printable ASCII for Client 'raw'");
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);

    private static HttpMethod ParseMethod(SettingsReader reader, string text)
    {
        if (text.Length == 0 || !text.All(char.IsAsciiLetter))
            throw reader.Error("Method", $"not an HTTP method: '{text}'");
        return HttpMethod.Parse(text.ToUpperInvariant());
    }
}
