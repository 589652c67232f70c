using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace LoadLeak.Scenarios.Http.Raw.Epoll;

/// <summary>
/// A connection driven by the client's <see cref="EpollLoop"/>: a non-blocking socket the runtime's socket engine
/// never sees (its async calls would register it there too, and every response would then wake two threads),
/// connected, written and read with plain connect/send/recv calls (send and recv through <see cref="SocketCalls"/>).
/// A receive first waits for a readable edge, then reads (again after the next edge if it found nothing); a read that
/// fills the buffer is followed by another read without waiting, since edge-triggered epoll signals only data that
/// arrives later. A send that finds the buffer full (a large body, a server that reads slowly or not at all) waits
/// for the writable edge, which the kernel raises once room opens after that failed send.
/// </summary>
internal sealed class EpollTransport(EpollLoop loop, bool inlineCompletions) : IRawTransport
{
    private Socket _socket = NewSocket();
    // Continuations run on the epoll thread when inline, as the runtime's inline socket completions do.
    private readonly SocketReadiness _readiness = new(runContinuationsAsynchronously: !inlineCompletions);
    private ulong _id;
    private bool _mayHaveMore;
    private int _disposed;

    public async ValueTask ConnectAsync(EndPoint endPoint, CancellationToken token)
    {
        var (addresses, port) = endPoint switch
        {
            IPEndPoint ip => ([ip.Address], ip.Port),
            DnsEndPoint dns => (await Dns.GetHostAddressesAsync(dns.Host, token).ConfigureAwait(false), dns.Port),
            _ => throw new ArgumentException($"unsupported endpoint {endPoint}", nameof(endPoint)),
        };
        await ConnectAnyAsync(addresses, port, token).ConfigureAwait(false);
    }

    /// <summary>
    /// Tries each address in turn (localhost may resolve to ::1 first while only 127.0.0.1 listens) and fails with
    /// the last address's error.
    /// </summary>
    internal async ValueTask ConnectAnyAsync(IReadOnlyList<IPAddress> addresses, int port, CancellationToken token)
    {
        SocketException? failure = null;
        for (var i = 0; i < addresses.Count; i++)
        {
            // Linux refuses a second connect on a socket whose connect failed (ECONNABORTED): each try gets a fresh
            // one. A stale edge from the failed one only makes the next wait check once more.
            if (i > 0) Reopen();
            // Registered before connecting: a non-blocking connect's completion (or failure) is an edge like any other.
            _id = loop.Add(_socket, _readiness);
            try
            {
                await ConnectOnceAsync(new IPEndPoint(addresses[i], port), token).ConfigureAwait(false);
                return;
            }
            catch (SocketException error)
            {
                failure = error;
            }
        }
        throw failure ?? new SocketException((int)SocketError.HostNotFound);
    }

    private static Socket NewSocket() => new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, Blocking = false };

    private void Reopen()
    {
        loop.Remove(_id);
        _socket.Dispose();
        _socket = NewSocket();
        // Closed meanwhile (the scenario stopped): Dispose may have seen the old socket only.
        if (Volatile.Read(ref _disposed) != 0)
        {
            _socket.Dispose();
            throw new ObjectDisposedException(nameof(EpollTransport), "the connection was closed");
        }
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
            await _readiness.Writable.WaitAsync(token).ConfigureAwait(false);
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
            var n = SocketCalls.Send(_socket.SafeHandle, bytes.Span[sent..], out var error);
            if (error == SocketError.WouldBlock)
                // An edge between the failed send and this wait is kept by the signal; the request's timeout ends the wait.
                await _readiness.Writable.WaitAsync(token).ConfigureAwait(false);
            else if (error != SocketError.Success)
                throw new SocketException((int)error);
            else
                sent += n;
        }
    }

    // The readiness signal's own ValueTask: whoever awaits it resumes straight from the epoll loop.
    public ValueTask WaitReceivableAsync(Memory<byte> buffer, CancellationToken token) =>
        _mayHaveMore ? ValueTask.CompletedTask : _readiness.Readable.WaitAsync(token);

    public int Receive(Span<byte> buffer)
    {
        var n = SocketCalls.Receive(_socket.SafeHandle, buffer, out var error);
        if (error == SocketError.WouldBlock)
        {
            _mayHaveMore = false;
            return -1;
        }
        if (error != SocketError.Success) throw new SocketException((int)error);
        _mayHaveMore = n == buffer.Length;
        return n;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (_id != 0) loop.Remove(_id);
        _socket.Dispose();
        _readiness.Fail(new ObjectDisposedException(nameof(EpollTransport), "the connection was closed"));
    }
}
