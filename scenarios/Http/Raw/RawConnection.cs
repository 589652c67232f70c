using System.Net;
using System.Runtime.CompilerServices;

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
/// One keep-alive TCP connection with its own receive buffer and response parser, reused for every response it
/// carries. The exchange's state machine comes from a pool and the transports allocate nothing per call, so an
/// exchange allocates nothing.
/// </summary>
internal sealed class RawConnection(IRawTransport transport) : IDisposable
{
    private const int ReceiveBufferBytes = 16 * 1024;

    private readonly byte[] _buffer = new byte[ReceiveBufferBytes];

    public HttpResponseParser Parser { get; } = new();

    /// <summary>Responses completed on this connection; a connection that has served one may since have timed out idle.</summary>
    public int Served { get; private set; }

    /// <summary>Bytes of the current response received so far (also after an exception).</summary>
    public long ResponseBytes { get; private set; }

    public ValueTask ConnectAsync(EndPoint endPoint, CancellationToken token) => transport.ConnectAsync(endPoint, token);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ExchangeOutcome> ExchangeAsync(RawRequest request, CancellationToken token)
    {
        ResponseBytes = 0;
        Parser.Reset(request.IsHead);
        await transport.SendAsync(request.Bytes, token).ConfigureAwait(false);
        while (true)
        {
            var received = await transport.ReceiveAsync(_buffer, token).ConfigureAwait(false);
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

    public void Dispose() => transport.Dispose();
}
