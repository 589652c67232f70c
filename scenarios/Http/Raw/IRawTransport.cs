using System.Net;

namespace LoadLeak.Scenarios.Http.Raw;

/// <summary>
/// One TCP connection's byte transport under a <see cref="RawConnection"/>: the runtime's async socket calls
/// (<see cref="SocketTransport"/>) or the client's own epoll loop (<see cref="Epoll.EpollTransport"/>).
/// A receive is a wait, then a call that takes what the wait made ready: the epoll transport's wait is its readiness
/// signal itself, so the request's own state machine resumes straight from the epoll loop, with no async layer of the
/// transport's in between.
/// </summary>
internal interface IRawTransport : IDisposable
{
    ValueTask ConnectAsync(EndPoint endPoint, CancellationToken token);

    /// <summary>Sends all of <paramref name="bytes"/>.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken token);

    /// <summary>
    /// Waits until <see cref="Receive"/> may find bytes for <paramref name="buffer"/> (the same buffer is passed to both):
    /// a readable edge, at once if the last receive filled the buffer; the socket transport receives here.
    /// </summary>
    ValueTask WaitReceivableAsync(Memory<byte> buffer, CancellationToken token);

    /// <summary>The bytes received into <paramref name="buffer"/> after a wait: at least one, 0 at the end of the stream,
    /// or -1 when none were there after all (wait again). A failed read throws its <see cref="System.Net.Sockets.SocketException"/>.</summary>
    int Receive(Span<byte> buffer);
}
