using System.Net;
using System.Net.Sockets;
using LoadLeak.Scenarios.Http.Raw.Epoll;

namespace LoadLeak.Tests.Scenarios.RawHttp;

/// <summary>The epoll loop's registration table: an id names one registration, and a removed one is not woken.</summary>
public sealed class EpollLoopTests
{
    [Fact]
    public async Task A_freed_slot_is_reused_under_a_new_id_and_only_the_current_registration_is_woken()
    {
        if (!EpollNative.Supported) return; // epoll exists on Linux only
        using var loop = new EpollLoop();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var (first, firstServer) = await PairAsync(listener);
        var (second, secondServer) = await PairAsync(listener);
        using var sockets = new Sockets(first, firstServer, second, secondServer);

        var removed = new SocketReadiness(runContinuationsAsynchronously: false);
        var firstId = loop.Add(first, removed);
        loop.Remove(firstId);
        var current = new SocketReadiness(runContinuationsAsynchronously: false);
        var secondId = loop.Add(second, current);
        Assert.Equal((uint)firstId, (uint)secondId); // the same slot
        Assert.NotEqual(firstId, secondId);
        loop.Remove(firstId); // stale: must not free the slot now used by the second registration

        // Data on the first socket raises an edge for the removed id, which the loop drops; on the second, it wakes. The
        // ready list is first in, first out, so the first edge was handled by the time the second one wakes us.
        firstServer.Send([1]);
        secondServer.Send([2]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await current.Readable.WaitAsync(timeout.Token);
        Assert.Equal(1, second.Receive(new byte[8]));
        Assert.False(removed.Readable.WaitAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task The_loop_fails_a_wait_whose_token_was_cancelled()
    {
        if (!EpollNative.Supported) return; // epoll exists on Linux only
        using var loop = new EpollLoop();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var (client, server) = await PairAsync(listener);
        using var sockets = new Sockets(client, server);
        var readiness = new SocketReadiness(runContinuationsAsynchronously: false);
        loop.Add(client, readiness);
        using var cancel = new CancellationTokenSource();
        var waiting = readiness.Readable.WaitAsync(cancel.Token).AsTask();

        await cancel.CancelAsync(); // nothing registered on the token: the loop's scan must notice
        var error = await Record.ExceptionAsync(() => waiting.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.IsAssignableFrom<OperationCanceledException>(error);
    }

    private sealed class Sockets(params Socket[] sockets) : IDisposable
    {
        public void Dispose()
        {
            foreach (var socket in sockets) socket.Dispose();
        }
    }

    private static async Task<(Socket Client, Socket Server)> PairAsync(TcpListener listener)
    {
        var client = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndpoint);
        return (client, await listener.AcceptSocketAsync());
    }
}
