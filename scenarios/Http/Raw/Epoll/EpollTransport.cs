using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace LoadLeak.Scenarios.Http.Raw.Epoll;

/// <summary>
/// A connection driven by the client's <see cref="EpollLoop"/>: a non-blocking socket the runtime's socket engine
/// never sees (its async calls would register it there too, and every response would then wake two threads),
/// connected, written and read with plain connect/send/recv calls. A receive first waits for a readable edge, then reads; a read that fills the buffer
/// is followed by another read without waiting, since edge-triggered epoll signals only data that arrives later.
/// </summary>
internal sealed class EpollTransport(EpollLoop loop, bool inlineCompletions) : IRawTransport
{
    private readonly Socket _socket = new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    // Continuations run on the epoll thread when inline, as the runtime's inline socket completions do.
    private readonly ReadinessSignal _signal = new(runContinuationsAsynchronously: !inlineCompletions);
    private ulong _id;
    private bool _mayHaveMore;
    private int _disposed;

    public async ValueTask ConnectAsync(EndPoint endPoint, CancellationToken token)
    {
        // Registered before connecting: a non-blocking connect's completion (or failure) is an edge like any other.
        _socket.Blocking = false;
        _id = loop.Add(_socket, _signal);
        var (addresses, port) = endPoint switch
        {
            IPEndPoint ip => ([ip.Address], ip.Port),
            DnsEndPoint dns => (await Dns.GetHostAddressesAsync(dns.Host, token).ConfigureAwait(false), dns.Port),
            _ => throw new ArgumentException($"unsupported endpoint {endPoint}", nameof(endPoint)),
        };
        SocketException? failure = null;
        foreach (var address in addresses)
        {
            try
            {
                await ConnectOnceAsync(new IPEndPoint(address, port), token).ConfigureAwait(false);
                return;
            }
            catch (SocketException error)
            {
                // Linux lets a socket whose connect failed try the next address.
                failure = error;
            }
        }
        throw failure ?? new SocketException((int)SocketError.HostNotFound);
    }

    private async ValueTask ConnectOnceAsync(IPEndPoint endPoint, CancellationToken token)
    {
        try
        {
            _socket.Connect(endPoint);
            return;
        }
        catch (SocketException error) when (error.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
        }
        while (true)
        {
            await _signal.WaitAsync(token).ConfigureAwait(false);
            var code = (int)_socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
            if (code != 0) throw new SocketException(code);
            if (_socket.Poll(0, SelectMode.SelectWrite)) return;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken token)
    {
        for (var sent = 0; sent < bytes.Length;)
        {
            var n = _socket.Send(bytes.Span[sent..], SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
                // The send buffer is full (a request larger than it, or a server that stopped reading): rare enough
                // to poll for instead of registering for writability.
                await Task.Delay(1, token).ConfigureAwait(false);
            else if (error != SocketError.Success)
                throw new SocketException((int)error);
            else
                sent += n;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken token)
    {
        if (!_mayHaveMore) await _signal.WaitAsync(token).ConfigureAwait(false);
        while (true)
        {
            var n = _socket.Receive(buffer.Span, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                _mayHaveMore = false;
                await _signal.WaitAsync(token).ConfigureAwait(false);
                continue;
            }
            if (error != SocketError.Success) throw new SocketException((int)error);
            _mayHaveMore = n == buffer.Length;
            return n;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (_id != 0) loop.Remove(_id);
        _socket.Dispose();
        _signal.Fail(new ObjectDisposedException(nameof(EpollTransport), "the connection was closed"));
    }
}
