using LoadLeak.Scenarios.Settings;
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
    /// <summary>
    /// Where the connections' I/O completions run: "inline" on the runtime's socket event thread (fewer
    /// thread handoffs, less CPU per request, but that one thread caps the scenario's throughput),
    /// "threadpool" (the runtime's default; scales across cores), or "auto": inline on machines of up to
    /// <see cref="InlineUpToProcessors"/> processors, where the client's CPU per request is what limits
    /// the load it can put on a co-located target.
    /// </summary>
    public bool InlineCompletions { get; init; } = Environment.ProcessorCount <= InlineUpToProcessors;

    public const int InlineUpToProcessors = 4;

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
        var completions = reader.Choice("SocketCompletions", "auto", "auto", "inline", "threadpool");
        return new HttpSettings(url, method, version, headers, body, template,
            reader.Int("MaxConnections", 100, 1, 100_000),
            TimeSpan.FromMilliseconds(reader.Int("TimeoutMs", 30_000, 1, 3_600_000)))
        {
            InlineCompletions = completions == "auto" ? Environment.ProcessorCount <= InlineUpToProcessors : completions == "inline",
        };
    }

    private static HttpMethod ParseMethod(SettingsReader reader, string text)
    {
        if (text.Length == 0 || !text.All(char.IsAsciiLetter))
            throw reader.Error("Method", $"not an HTTP method: '{text}'");
        return HttpMethod.Parse(text.ToUpperInvariant());
    }
}
