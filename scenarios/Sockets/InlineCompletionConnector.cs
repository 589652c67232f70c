using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace LoadLeak.Scenarios.Sockets;

/// <summary>
/// Opens the HTTP and gRPC scenarios' connections (SocketsHttpHandler.ConnectCallback) as the handler's default
/// connect does (TCP, NoDelay), but asks the runtime to run their I/O completions inline on its socket
/// event thread instead of handing each one to a thread-pool worker. On a small machine that shares
/// its cores with the target, that handoff (a wake-up, a spinning worker) is a large share of the
/// client's CPU per request. The per-socket switch is the runtime's internal counterpart of
/// DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS, scoped to these sockets only; on a runtime without it
/// the connection is made all the same and completions go through the thread pool.
/// </summary>
internal static class InlineCompletionConnector
{
    // Set once the runtime turned out not to have the per-socket switch.
    private static int _unsupported;

    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken token)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            TryPreferInline(socket);
            await socket.ConnectAsync(context.DnsEndPoint, token).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Asks the runtime to complete this socket's I/O inline on its event thread, when it can (sockets the raw HTTP and lean gRPC clients
    /// open themselves).</summary>
    internal static void TryPreferInline(Socket socket)
    {
        if (Volatile.Read(ref _unsupported) != 0) return;
        try
        {
            SetPreferInlineCompletions(socket, true);
        }
        catch (MissingMethodException)
        {
            Volatile.Write(ref _unsupported, 1);
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_PreferInlineCompletions")]
    private static extern void SetPreferInlineCompletions(Socket socket, bool value);
}
