using LoadLeak.Engine.Api;

namespace LoadLeak.Scenarios.Http;

/// <summary>
/// POSTs (or sends with the configured method) the templated request to <see cref="HttpSettings.Url"/>. <c>Client</c>
/// picks SocketsHttpHandler (the default; HTTP/1.1 or h2c/HTTP/2, http or https) or the raw HTTP/1.1 client; both
/// count a response the same way: 2xx is Ok with the numeric status; other codes fail with it; transport errors fail
/// with a short status such as "connection-refused" or "timeout" and never escape the step. The client is created
/// in Init and disposed (its connections closed) in Clean.
/// </summary>
public sealed class HttpScenario(HttpSettings settings)
{
    private IHttpScenarioClient? _client;

    public HttpSettings Settings => settings;

    // A ValueTask iteration: the raw client's request completes from pooled state, with no Task per request.
    public ScenarioProps ToProps(string name) => Scenario.CreateValue(name, SendAsync) with
    {
        Init = _ => { Start(); return Task.CompletedTask; },
        Clean = _ => { Stop(); return Task.CompletedTask; },
    };

    public void Start() => _client = settings.Client == HttpClientKind.Raw
        ? new Raw.RawHttpClient(settings)
        : new HandlerHttpClient(settings);

    public void Stop()
    {
        _client?.Dispose();
        _client = null;
    }

    public Task<Response> RunAsync(IScenarioContext context) => SendAsync(context).AsTask();

    private ValueTask<Response> SendAsync(IScenarioContext context) =>
        (_client ?? throw new InvalidOperationException("HTTP scenario used before Init")).SendAsync(context);
}
