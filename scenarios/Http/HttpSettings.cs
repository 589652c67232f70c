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

    /// <summary>The raw HTTP/1.1 client or SocketsHttpHandler; same requests and responses either way.</summary>
    public HttpClientKind Client { get; init; } = HttpClientKind.HttpClient;

    /// <summary>Which client, how it was picked and why; settings built in code describe their <see cref="Client"/> as configured.</summary>
    public ClientChoice ClientChoice
    {
        get => _clientChoice is { } choice && choice.Client == ClientName(Client) ? choice : ClientChoice.Configured(ClientName(Client), "Client");
        init => _clientChoice = value;
    }

    private readonly ClientChoice? _clientChoice;

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
        var choice = ChooseClient(reader, RawClientFit.Check(url, version, headers, template));
        return new HttpSettings(url, method, version, headers, body, template,
            reader.Int("MaxConnections", 100, 1, 100_000),
            TimeSpan.FromMilliseconds(reader.Int("TimeoutMs", 30_000, 1, 3_600_000)))
        {
            InlineCompletions = SocketCompletions.Read(reader),
            Client = choice.Client == ClientName(HttpClientKind.Raw) ? HttpClientKind.Raw : HttpClientKind.HttpClient,
            ClientChoice = choice,
        };
    }

    public static string ClientName(HttpClientKind kind) => kind == HttpClientKind.Raw ? "raw" : "httpclient";

    /// <summary>
    /// <c>auto</c> (the default): the raw client wherever it can send the request (plain http, HTTP/1.1, headers it
    /// sends as they are), SocketsHttpHandler otherwise. A config that names <c>raw</c> for a request it cannot send
    /// is an error naming the setting.
    /// </summary>
    private static ClientChoice ChooseClient(SettingsReader reader, RawClientMisfit? misfit)
    {
        var named = reader.Choice("Client", "auto", "auto", "httpclient", "raw");
        if (named == "raw" && misfit is not null) throw reader.Error(misfit.Key, misfit.Problem);
        if (named != "auto") return ClientChoice.Configured(named, "Client");
        return misfit is null
            ? ClientChoice.Auto("raw", "plain http, HTTP/1.1, headers it can send")
            : ClientChoice.Auto("httpclient", misfit.Reason);
    }

    private static HttpMethod ParseMethod(SettingsReader reader, string text)
    {
        if (text.Length == 0 || !text.All(char.IsAsciiLetter))
            throw reader.Error("Method", $"not an HTTP method: '{text}'");
        return HttpMethod.Parse(text.ToUpperInvariant());
    }
}
