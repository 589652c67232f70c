using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using LoadLeak.Scenarios.Sockets;

namespace LoadLeak.Scenarios.Http.Raw;

/// <summary>How one request/response exchange on a connection ended.</summary>
internal enum ExchangeOutcome
{
    /// <summary>A whole response arrived; the parser holds its status.</summary>
    Complete,

    /// <summary>The server closed the connection before a byte of the response (e.g. an idle keep-alive timeout).</summary>
    ClosedBeforeResponse,

    /// <summary>The server closed the connection in the middle of the response.</summary>
    EndedEarly,

    /// <summary>The bytes are not an HTTP/1.x response; the parser says why.</summary>
    Malformed,
}

/// <summary>
/// One keep-alive TCP connection (TCP_NODELAY) with its own receive buffer and response parser, reused for every
/// response it carries. Socket's Memory-based SendAsync/ReceiveAsync complete through an awaitable event-args object
/// the socket caches, and this method's state machine comes from a pool, so an exchange allocates nothing.
/// </summary>
internal sealed class RawConnection(bool inlineCompletions) : IDisposable
{
    private const int ReceiveBufferBytes = 16 * 1024;

    private readonly Socket _socket = new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly byte[] _buffer = new byte[ReceiveBufferBytes];

    public HttpResponseParser Parser { get; } = new();

    /// <summary>Responses completed on this connection; a connection that has served one may since have timed out idle.</summary>
    public int Served { get; private set; }

    /// <summary>Bytes of the current response received so far (also after an exception).</summary>
    public long ResponseBytes { get; private set; }

    public async ValueTask ConnectAsync(EndPoint endPoint, CancellationToken token)
    {
        if (inlineCompletions) InlineCompletionConnector.TryPreferInline(_socket);
        await _socket.ConnectAsync(endPoint, token).ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ExchangeOutcome> ExchangeAsync(RawRequest request, CancellationToken token)
    {
        ResponseBytes = 0;
        Parser.Reset(request.IsHead);
        var bytes = request.Bytes;
        for (var sent = 0; sent < bytes.Length;)
            sent += await _socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None, token).ConfigureAwait(false);
        while (true)
        {
            var received = await _socket.ReceiveAsync(_buffer, SocketFlags.None, token).ConfigureAwait(false);
            if (received == 0)
                return ResponseBytes == 0 ? ExchangeOutcome.ClosedBeforeResponse
                    : Parser.EndsAtClose ? ExchangeOutcome.Complete
                    : ExchangeOutcome.EndedEarly;
            ResponseBytes += received;
            switch (Parser.Feed(_buffer.AsSpan(0, received)))
            {
                case ParseStatus.Done:
                    Served++;
                    return ExchangeOutcome.Complete;
                case ParseStatus.Malformed:
                    return ExchangeOutcome.Malformed;
            }
        }
    }

    /// <summary>Whether the connection can carry the next request.</summary>
    public bool Reusable => Parser.KeepAlive && !Parser.HasExtraBytes && !Parser.EndsAtClose;

    public void Dispose() => _socket.Dispose();
}
