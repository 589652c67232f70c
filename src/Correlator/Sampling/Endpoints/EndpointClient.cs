using System.Net;
using System.Net.Sockets;

namespace LoadLeak.Correlator.Sampling.Endpoints;

/// <summary>
/// GETs from a target's diagnostic endpoints (pprof, expvar, Prometheus) and turns every failure into an
/// <see cref="EndpointException"/> that names the URL. One shared pool of keep-alive connections, no proxy:
/// a scrape per second must not cost the target a TCP handshake each time. No Accept-Encoding either: a
/// Prometheus client library gzips its page for a client that accepts it, and that CPU would be the target's.
/// </summary>
internal static class EndpointClient
{
    /// <summary>Bounds what one answer may hold; a goroutine dump of 100,000 distinct stacks stays far below.</summary>
    private const int MaxBodyBytes = 256 * 1024 * 1024;

    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(3),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        MaxConnectionsPerServer = 4,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
        MaxResponseContentBufferSize = MaxBodyBytes,
    };

    public static async Task<EndpointResponse> GetAsync(Uri url, TimeSpan timeout, CancellationToken ct, string? accept = null)
    {
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
            throw new EndpointException(EndpointFailureKind.InvalidUrl, url, "not an http:// or https:// URL");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
            using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new EndpointException(EndpointFailureKind.HttpStatus, url,
                    $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd(), response.StatusCode);
            var body = await response.Content.ReadAsByteArrayAsync(limit.Token).ConfigureAwait(false);
            return new EndpointResponse(url, body, response.Content.Headers.ContentType?.MediaType);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new EndpointException(EndpointFailureKind.TimedOut, url, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            throw new EndpointException(EndpointFailureKind.Unreachable, url, "unreachable (" + Reason(ex) + ")");
        }
    }

    /// <summary>The innermost cause, e.g. "Connection refused", without the URL the exception repeats.</summary>
    private static string Reason(HttpRequestException ex)
    {
        Exception inner = ex;
        while (inner.InnerException is not null) inner = inner.InnerException;
        return inner is SocketException socket ? socket.Message : inner.Message.Split('\n')[0].Trim();
    }
}
