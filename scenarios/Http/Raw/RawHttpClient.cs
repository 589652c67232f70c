using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using LoadLeak.Engine.Api;
using LoadLeak.Scenarios.Timing;

namespace LoadLeak.Scenarios.Http.Raw;

/// <summary>
/// The lean HTTP/1.1 client (CustomSettings <c>Client: "raw"</c>): plain http, keep-alive connections from a
/// <see cref="RawConnectionPool"/>, the request's bytes built once (<see cref="RawRequest"/>) and written with one
/// send, the response parsed as it arrives (<see cref="HttpResponseParser"/>) with its body counted, not kept.
/// SocketsHttpHandler spends most of its CPU per request on work a load generator does not need (a request
/// message, header collections, content streams per request); this spends it on the socket calls.
/// A request whose connection turns out closed by the server before any byte of the response (an idle keep-alive
/// timeout) is sent once more on a fresh connection; any other failure closes the connection, never reused.
/// </summary>
internal sealed class RawHttpClient : IHttpScenarioClient
{
    private readonly RawRequest _request;
    private readonly RawConnectionPool _pool;
    private readonly SharedTimeout _timeout;
    private readonly Epoll.EpollLoop[] _loops = [];
    // Responses are immutable and a 2xx response's size hardly ever changes: reuse the last one (one allocation less per request).
    private Response? _lastOk;

    public RawHttpClient(HttpSettings settings)
        : this(settings, useEpoll: Epoll.EpollNative.Supported && Environment.GetEnvironmentVariable("LOADLEAK_RAW_HTTP_EPOLL") != "0")
    {
    }

    /// <summary>Tests pick the transport here rather than through the process-wide environment variable.</summary>
    internal RawHttpClient(HttpSettings settings, bool useEpoll)
    {
        _request = RawRequest.Build(settings);
        EndPoint endPoint = IPAddress.TryParse(settings.Url.IdnHost, out var address)
            ? new IPEndPoint(address, settings.Url.Port)
            : new DnsEndPoint(settings.Url.IdnHost, settings.Url.Port);
        var inline = settings.InlineCompletions;
        if (useEpoll)
        {
            var loops = _loops = [.. Enumerable.Range(0, EpollLoops(settings)).Select(_ => new Epoll.EpollLoop())];
            var opened = 0;
            _pool = new RawConnectionPool(endPoint, settings.MaxConnections,
                () => new Epoll.EpollTransport(loops[(uint)Interlocked.Increment(ref opened) % (uint)loops.Length], inline));
        }
        else
            _pool = new RawConnectionPool(endPoint, settings.MaxConnections, () => new SocketTransport(inline));
        _timeout = new SharedTimeout(settings.Timeout);
    }

    /// <summary>
    /// The whole request in one pooled state machine: rent, send, receive until the response is whole, return. The
    /// exchange is written out here rather than awaited as a method of the connection's, so a response wakes this
    /// one state machine straight from the epoll loop.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<Response> SendAsync(IScenarioContext context)
    {
        var started = Stopwatch.GetTimestamp();
        RawConnection? connection = null;
        try
        {
            var token = _timeout.For(started, context.CancellationToken);
            for (var attempt = 0; ; attempt++)
            {
                connection = await _pool.RentAsync(token).ConfigureAwait(false);
                var mayRetry = attempt == 0 && connection.Served > 0;
                ExchangeOutcome? outcome;
                try
                {
                    await connection.SendAsync(_request, token).ConfigureAwait(false);
                    do
                    {
                        await connection.WaitReceivableAsync(token).ConfigureAwait(false);
                        outcome = connection.Receive();
                    }
                    while (outcome is null);
                }
                catch (SocketException error) when (mayRetry && connection.ResponseBytes == 0 && IsPeerClosed(error.SocketErrorCode))
                {
                    outcome = ExchangeOutcome.ClosedBeforeResponse;
                }
                if (outcome == ExchangeOutcome.ClosedBeforeResponse && mayRetry)
                {
                    _pool.Discard(connection);
                    connection = null;
                    continue;
                }
                var response = ToResponse(outcome.Value, connection);
                if (outcome == ExchangeOutcome.Complete && connection.Reusable) _pool.Return(connection);
                else _pool.Discard(connection);
                return response;
            }
        }
        catch (Exception exception)
        {
            // Timed out, cancelled or failed mid-exchange: what is still in flight on this connection is unknown.
            if (connection is not null) _pool.Discard(connection);
            return HttpFailure.From(exception, context.CancellationToken, Stopwatch.GetElapsedTime(started).TotalMilliseconds, _timeout.Timeout);
        }
    }

    /// <summary>Connections (sockets) open now: a failed or timed-out exchange closes its own.</summary>
    internal int OpenConnections => _pool.OpenCount;

    public void Dispose()
    {
        _pool.Dispose();
        foreach (var loop in _loops) loop.Dispose();
        _timeout.Dispose();
    }

    private Response ToResponse(ExchangeOutcome outcome, RawConnection connection)
    {
        var size = _request.Bytes.Length + connection.ResponseBytes;
        var parser = connection.Parser;
        return outcome switch
        {
            ExchangeOutcome.Complete when parser.StatusCode is >= 200 and < 300 => OkResponse(parser.StatusCode, size),
            ExchangeOutcome.Complete =>
                Response.Fail(HttpStatusText.Of(parser.StatusCode), $"HTTP {parser.StatusCode} {parser.ReasonPhrase}".TrimEnd(), size),
            ExchangeOutcome.Malformed => Response.Fail("bad-response", "not a valid HTTP/1.x response: " + parser.Problem, size),
            ExchangeOutcome.EndedEarly => Response.Fail("response-ended", "the server closed the connection in the middle of the response", size),
            _ => Response.Fail("response-ended", "the server closed the connection before responding", size),
        };
    }

    private Response OkResponse(int statusCode, long size)
    {
        var status = HttpStatusText.Of(statusCode);
        var last = _lastOk; // copies on other loop threads race here harmlessly: each reads one whole immutable response
        if (last is not null && last.SizeBytes == size && ReferenceEquals(last.StatusCode, status)) return last;
        return _lastOk = Response.Ok(status, size);
    }

    /// <summary>
    /// With inline completions each loop thread runs its connections' requests end to end, as each of wrk's threads
    /// does: one per processor (connections dealt round-robin), so the client is not one thread's share of a busy box.
    /// Otherwise the loops only hand completions to the thread pool, and one is enough. LOADLEAK_RAW_HTTP_LOOPS overrides.
    /// </summary>
    private static int EpollLoops(HttpSettings settings)
    {
        var loops = int.TryParse(Environment.GetEnvironmentVariable("LOADLEAK_RAW_HTTP_LOOPS"), out var n) ? n
            : settings.InlineCompletions ? Environment.ProcessorCount : 1;
        return Math.Clamp(loops, 1, settings.MaxConnections);
    }

    // How a write or read on a connection the server already closed fails (EPIPE is reported as Shutdown).
    private static bool IsPeerClosed(SocketError error) =>
        error is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown;
}
