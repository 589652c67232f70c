using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace LoadLeak.Scenarios.Http.Raw.Epoll;

/// <summary>
/// send and recv on a non-blocking socket straight through libc, as <see cref="Socket.Send(ReadOnlySpan{byte},
/// SocketFlags, out SocketError)"/> would do them but without its layers (blocking-mode checks, SocketPal's retry loop,
/// libSystem.Native's flag translation): two calls per request, where those layers were a measurable share of the raw
/// client's managed time. The socket's SafeHandle is still taken for each call, so a socket closed meanwhile fails the
/// call instead of reaching a reused descriptor. Errors come back as the <see cref="SocketError"/> the runtime reports.
/// </summary>
internal static partial class SocketCalls
{
    private const int MsgNoSignal = 0x4000; // a write to a closed peer fails with EPIPE instead of raising SIGPIPE
    private const int EINTR = 4, EAGAIN = 11;

    public static unsafe int Send(SafeHandle socket, ReadOnlySpan<byte> bytes, out SocketError error)
    {
        fixed (byte* buffer = bytes)
        {
            while (true)
            {
                var n = SendNative(socket, buffer, bytes.Length, MsgNoSignal);
                if (Completed(n, out error)) return (int)Math.Max(n, 0);
            }
        }
    }

    public static unsafe int Receive(SafeHandle socket, Span<byte> bytes, out SocketError error)
    {
        fixed (byte* buffer = bytes)
        {
            while (true)
            {
                var n = ReceiveNative(socket, buffer, bytes.Length, 0);
                if (Completed(n, out error)) return (int)Math.Max(n, 0);
            }
        }
    }

    /// <summary>False to retry (interrupted by a signal); else the call's outcome.</summary>
    private static bool Completed(nint result, out SocketError error)
    {
        error = SocketError.Success;
        if (result >= 0) return true;
        var errno = Marshal.GetLastPInvokeError();
        if (errno == EINTR) return false;
        error = ToSocketError(errno);
        return true;
    }

    /// <summary>Linux errno values (the same on x86-64 and arm64) of a connected TCP socket's send or recv.</summary>
    internal static SocketError ToSocketError(int errno) => errno switch
    {
        EAGAIN => SocketError.WouldBlock,
        32 => SocketError.Shutdown, // EPIPE, as the runtime reports it
        104 => SocketError.ConnectionReset,
        103 => SocketError.ConnectionAborted,
        110 => SocketError.TimedOut,
        111 => SocketError.ConnectionRefused,
        107 => SocketError.NotConnected,
        113 => SocketError.HostUnreachable,
        101 => SocketError.NetworkUnreachable,
        100 => SocketError.NetworkDown,
        105 => SocketError.NoBufferSpaceAvailable,
        9 => SocketError.OperationAborted, // EBADF: closed under the call
        _ => SocketError.SocketError,
    };

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    private static unsafe partial nint SendNative(SafeHandle socket, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    private static unsafe partial nint ReceiveNative(SafeHandle socket, byte* buffer, nint length, int flags);
}
