using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using LoadLeak.Scenarios.Sockets;

namespace LoadLeak.Scenarios.Http.Raw;

/// <summary>
/// The runtime's async socket calls (TCP_NODELAY). Memory-based SendAsync/ReceiveAsync complete through an
/// awaitable event-args object the socket caches, so they allocate nothing; the receive is done by the wait. Each receive first tries the socket
/// (one recvfrom that finds nothing right after a request was sent) before it waits for the runtime's epoll thread.
/// </summary>
internal sealed class SocketTransport(bool inlineCompletions) : IRawTransport
{
    private readonly Socket _socket = new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    // The count of the receive the last wait made (the wait is the receive here).
    private int _received;

    public async ValueTask ConnectAsync(EndPoint endPoint, CancellationToken token)
    {
        if (inlineCompletions) InlineCompletionConnector.TryPreferInline(_socket);
        await _socket.ConnectAsync(endPoint, token).ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken token)
    {
        for (var sent = 0; sent < bytes.Length;)
            sent += await _socket.SendAsync(bytes[sent..], SocketFlags.None, token).ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WaitReceivableAsync(Memory<byte> buffer, CancellationToken token) =>
        _received = await _socket.ReceiveAsync(buffer, SocketFlags.None, token).ConfigureAwait(false);

    public int Receive(Span<byte> buffer) => _received;

    public void Dispose() => _socket.Dispose();
}
