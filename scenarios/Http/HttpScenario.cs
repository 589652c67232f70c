using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LoadLeak.Engine.Scenarios;
using LoadLeak.Scenarios.Template;

namespace LoadLeak.Scenarios.Http;

/// <summary>
/// Sends the template over one shared HttpClient (one connection pool per scenario, created in Init and
/// disposed in Clean). 2xx is Ok; other codes fail with the numeric status; transport errors fail with a
/// short status such as "connection-refused" or "timeout" and never escape the step.
/// </summary>
public sealed class HttpScenario
{
    private readonly HttpSettings _settings;
    private readonly byte[]? _body;
    private readonly long _requestHeaderBytes;
    private HttpClient? _client;

    public HttpScenario(HttpSettings settings)
    {
        _settings = settings;
        _body = settings.Body is null ? null : Encoding.UTF8.GetBytes(settings.Body);
        _requestHeaderBytes = EstimateHeaderBytes(settings);
    }

    public HttpSettings Settings => _settings;

    public ScenarioProps ToProps(string name) => Scenario.Create(name, RunAsync) with
    {
        Init = _ => { Start(); return Task.CompletedTask; },
        Clean = _ => { Stop(); return Task.CompletedTask; },
    };

    public void Start()
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = _settings.MaxConnections,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = _settings.Timeout,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        };
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = _settings.Timeout };
    }

    public void Stop()
    {
        _client?.Dispose();
        _client = null;
    }

    public async Task<Response> RunAsync(IScenarioContext context)
    {
        var client = _client ?? throw new InvalidOperationException("HTTP scenario used before Init");
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = CreateRequest();
            // ResponseContentRead buffers the body under the client's timeout; its length is then known
            // without copying it out (ReadAsByteArrayAsync would allocate a second array per request).
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, context.CancellationToken);
            var bodyBytes = request.Method == HttpMethod.Head ? 0
                : response.Content.Headers.ContentLength ?? (await response.Content.ReadAsByteArrayAsync(context.CancellationToken)).LongLength;
            var size = _requestHeaderBytes + (_body?.Length ?? 0) + bodyBytes + EstimateHeaderBytes(response);
            var status = StatusText(response.StatusCode);
            return response.IsSuccessStatusCode
                ? Response.Ok(status, size)
                : Response.Fail(status, $"HTTP {status} {response.ReasonPhrase}", size);
        }
        catch (Exception exception)
        {
            return HttpFailure.From(exception, context.CancellationToken, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static readonly string[] StatusTexts = Enumerable.Range(0, 600)
        .Select(code => code.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static string StatusText(HttpStatusCode code) =>
        (int)code is >= 0 and < 600 and var i ? StatusTexts[i] : ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private HttpRequestMessage CreateRequest()
    {
        var request = new HttpRequestMessage(_settings.Method, _settings.Url)
        {
            Version = _settings.HttpVersion,
            // Exact version: HTTP/2 over http:// is h2c with prior knowledge, never a silent downgrade.
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TryAddWithoutValidation(RequestTemplate.HeaderName, _settings.Template.BenchmarkId);
        if (_body is not null)
        {
            request.Content = new ByteArrayContent(_body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        }
        foreach (var (name, value) in _settings.Headers)
            if (!request.Headers.TryAddWithoutValidation(name, value))
                request.Content?.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    private static long EstimateHeaderBytes(HttpSettings settings) =>
        settings.Method.Method.Length + settings.Url.PathAndQuery.Length + 12
        + RequestTemplate.HeaderName.Length + settings.Template.BenchmarkId.Length + 4
        + settings.Headers.Sum(h => h.Key.Length + h.Value.Length + 4);

    // NonValidated: reading the raw header strings neither parses nor allocates per header.
    private static long EstimateHeaderBytes(HttpResponseMessage response) =>
        17 + RawHeaderBytes(response.Headers.NonValidated) + RawHeaderBytes(response.Content.Headers.NonValidated);

    private static long RawHeaderBytes(HttpHeadersNonValidated headers)
    {
        long bytes = 0;
        foreach (var (name, values) in headers)
        {
            bytes += name.Length + 4;
            foreach (var value in values) bytes += value.Length;
        }
        return bytes;
    }
}
