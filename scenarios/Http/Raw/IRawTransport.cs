using System.Net;

namespace LoadLeak.Scenarios.Http.Raw;

/// <summary>
/// One TCP connection's byte transport under a <see cref="RawConnection"/>: the runtime's async socket calls
/// (<see cref="SocketTransport"/>) or the client's own epoll loop (<see cref="Epoll.EpollTransport"/>).
/// </summary>
internal interface IRawTransport : IDisposable
{
    ValueTask ConnectAsync(EndPoint endPoint, CancellationToken token);

    /// <summary>Sends all of <paramref name="bytes"/>.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken token);

    /// <summary>Receives at least one byte, or 0 at the end of the stream.</summary>
    ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken token);
}
