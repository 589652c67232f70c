using System.Net;
using System.Net.Sockets;
using LoadLeak.Scenarios.Http.Raw.Epoll;

namespace LoadLeak.Tests.Scenarios.RawHttp;

/// <summary>The raw client's direct send and recv report what Socket.Send and Socket.Receive would.</summary>
public sealed class SocketCallsTests
{
    [Fact]
    public async Task Bytes_go_through_an_empty_socket_would_block_and_a_reset_peer_is_a_connection_reset()
    {
        if (!EpollNative.Supported) return; // the calls are the Linux ones
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndpoint);
        using var server = await listener.AcceptSocketAsync();
        client.Blocking = false;
        var buffer = new byte[16];

        Assert.Equal(0, SocketCalls.Receive(client.SafeHandle, buffer, out var error));
        Assert.Equal(SocketError.WouldBlock, error);
        Assert.Equal(3, SocketCalls.Send(client.SafeHandle, "abc"u8, out error));
        Assert.Equal(SocketError.Success, error);
        Assert.Equal(3, server.Receive(buffer));
        server.Send("de"u8);
        SpinWait.SpinUntil(() => client.Available > 0, TimeSpan.FromSeconds(30));
        Assert.Equal(2, SocketCalls.Receive(client.SafeHandle, buffer, out error));
        Assert.Equal("de"u8.ToArray(), buffer[..2]);

        server.LingerState = new LingerOption(true, 0); // closing sends a reset
        server.Close();
        SpinWait.SpinUntil(() => SocketCalls.Receive(client.SafeHandle, buffer, out error) >= 0 && error != SocketError.WouldBlock,
            TimeSpan.FromSeconds(30));
        Assert.Equal(SocketError.ConnectionReset, error);
    }
}
