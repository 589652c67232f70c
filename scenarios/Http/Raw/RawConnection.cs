using System.Net;

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
/// carries. An exchange is <see cref="SendAsync"/>, then <see cref="WaitReceivableAsync"/> and <see cref="Receive"/>
/// until the response is whole; the awaiting is the caller's (the request's one state machine), nothing here is an
/// async layer of its own, and nothing allocates.
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

    /// <summary>Starts an exchange: sends the request, with the response's count and parser back at the start.</summary>
    public ValueTask SendAsync(RawRequest request, CancellationToken token)
    {
        ResponseBytes = 0;
        Parser.Reset(request.IsHead);
        return transport.SendAsync(request.Bytes, token);
    }

    /// <summary>Waits until <see cref="Receive"/> may find more of the response.</summary>
    public ValueTask WaitReceivableAsync(CancellationToken token) => transport.WaitReceivableAsync(_buffer, token);

    /// <summary>Reads what the wait made ready: how the exchange ended, or null while the response is not whole yet.</summary>
    public ExchangeOutcome? Receive()
    {
        var received = transport.Receive(_buffer);
        if (received < 0) return null;
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
            default:
                return null;
        }
    }

    /// <summary>Whether the connection can carry the next request.</summary>
    public bool Reusable => Parser.KeepAlive && !Parser.HasExtraBytes && !Parser.EndsAtClose;

    public void Dispose() => transport.Dispose();
}
