using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LoadLeak.Engine.Api;
using LoadLeak.Scenarios.Sockets;
using LoadLeak.Scenarios.Template;
using LoadLeak.Scenarios.Timing;

namespace LoadLeak.Scenarios.Http;

/// <summary>
/// Sends the template over one shared SocketsHttpHandler (one connection pool per scenario run), through an
/// HttpMessageInvoker rather than HttpClient: HttpClient adds a linked CancellationTokenSource and timer per
/// request for its Timeout and buffers every body into a new stream; here the timeout is a
/// <see cref="SharedTimeout"/> and the body is read to its end (and counted) through a pooled buffer.
/// </summary>
internal sealed class HandlerHttpClient : IHttpScenarioClient
{
    private readonly HttpSettings _settings;
    private readonly byte[]? _body;
    private readonly long _requestHeaderBytes;
    private readonly HttpMessageInvoker _invoker;
    private readonly SharedTimeout _timeout;

    public HandlerHttpClient(HttpSettings settings)
    {
        _settings = settings;
        _body = settings.Body is null ? null : Encoding.UTF8.GetBytes(settings.Body);
        _requestHeaderBytes = EstimateHeaderBytes(settings);
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = settings.MaxConnections,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = settings.Timeout,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        };
        if (settings.InlineCompletions) handler.ConnectCallback = InlineCompletionConnector.ConnectAsync;
        _invoker = new HttpMessageInvoker(handler, disposeHandler: true);
        _timeout = new SharedTimeout(settings.Timeout);
    }

    public void Dispose()
    {
        _invoker.Dispose();
        _timeout.Dispose();
    }

    public async ValueTask<Response> SendAsync(IScenarioContext context)
    {
        var (invoker, timeout) = (_invoker, _timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var token = timeout.For(started, context.CancellationToken);
            using var request = CreateRequest();
            using var response = await invoker.SendAsync(request, token).ConfigureAwait(false);
            // The whole body is read (under the same timeout), so it is received and counted, and the
            // connection goes back to the pool; the bytes themselves are not kept.
            var bodyBytes = await DrainAsync(response.Content, token).ConfigureAwait(false);
            var size = _requestHeaderBytes + (_body?.Length ?? 0) + bodyBytes + EstimateHeaderBytes(response);
            var status = HttpStatusText.Of((int)response.StatusCode);
            return response.IsSuccessStatusCode
                ? Response.Ok(status, size)
                : Response.Fail(status, $"HTTP {status} {response.ReasonPhrase}", size);
        }
        catch (Exception exception)
        {
            return HttpFailure.From(exception, context.CancellationToken, Stopwatch.GetElapsedTime(started).TotalMilliseconds, _settings.Timeout);
        }
    }

    private const int DrainBufferBytes = 16 * 1024;

    private static async ValueTask<long> DrainAsync(HttpContent content, CancellationToken token)
    {
        var stream = await content.ReadAsStreamAsync(token).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(DrainBufferBytes);
            try
            {
                long total = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer, token).ConfigureAwait(false)) > 0) total += read;
                return total;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

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
