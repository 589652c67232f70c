using LoadLeak.Engine.Api;

namespace LoadLeak.Scenarios.Http;

/// <summary>
/// How the HTTP scenario sends its templated request: over SocketsHttpHandler (<see cref="HandlerHttpClient"/>) or
/// over the raw HTTP/1.1 client (<see cref="Raw.RawHttpClient"/>). Both return the same responses: 2xx is Ok with the
/// numeric status, other codes fail with it, transport errors fail through <see cref="HttpFailure"/>.
/// </summary>
internal interface IHttpScenarioClient : IDisposable
{
    /// <summary>Sends the request once under the scenario's timeout; never throws.</summary>
    ValueTask<Response> SendAsync(IScenarioContext context);
}
