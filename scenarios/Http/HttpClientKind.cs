namespace LoadLeak.Scenarios.Http;

/// <summary>Which client the HTTP scenario sends with (CustomSettings <c>Client</c>).</summary>
public enum HttpClientKind
{
    /// <summary>SocketsHttpHandler through an HttpMessageInvoker (the default): HTTP/1.1 and HTTP/2, http and https.</summary>
    HttpClient,

    /// <summary>
    /// The lean HTTP/1.1 client (<see cref="Raw.RawHttpClient"/>): plain http, keep-alive, the request's bytes built
    /// once and sent as they are; less CPU per request, so more load from the same cores.
    /// </summary>
    Raw,
}
