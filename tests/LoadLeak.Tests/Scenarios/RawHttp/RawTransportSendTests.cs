using System.Net;
using System.Net.Sockets;
using System.Text;
using LoadLeak.Scenarios.Http;
using LoadLeak.Scenarios.Http.Raw;
using LoadLeak.Scenarios.Http.Raw.Epoll;

namespace LoadLeak.Tests.Scenarios.RawHttp;

/// <summary>The transports' sends that find the socket buffer full, and the epoll transport's connect over several addresses.</summary>
public sealed class RawTransportSendTests : IDisposable
{
    private const int BodyBytes = 6 * 1024 * 1024;
    private static readonly byte[] Answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    private readonly EpollLoop? _loop = EpollNative.Supported ? new EpollLoop() : null;

    [Theory]
    [InlineData("socket")]
    [InlineData("epoll")]
    public async Task A_response_sent_while_the_request_body_waits_for_room_is_not_missed(string transport)
    {
        if (transport == "epoll" && _loop is null) return; // epoll exists on Linux only
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Server.ReceiveBufferSize = 32 * 1024;
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(12));
        // The server answers as soon as it has the head (as one rejecting a body might), then drains the body: the
        // readable edge comes while the client still waits to send, and the receive after the send must still see it.
        var request = RawRequest.Build(HttpSettings.Read(Settings.Reader(
            $$"""{"Client":"raw","Method":"PUT","Url":"http://127.0.0.1:{{port}}/x","Body":"{{new string('b', BodyBytes)}}"}""")));
        var server = AnswerEarlyThenDrainAsync(listener, request.Bytes.Length, timeout.Token);
        using var connection = new RawConnection(transport == "epoll" ? new EpollTransport(_loop!, inlineCompletions: false)
            : new SocketTransport(false));
        await connection.ConnectAsync(listener.LocalEndpoint, timeout.Token);
        Assert.Equal(ExchangeOutcome.Complete, await Exchange.RunAsync(connection, request, timeout.Token));
        Assert.Equal((200, Answer.Length), (connection.Parser.StatusCode, (int)connection.ResponseBytes));
        Assert.Equal(request.Bytes.Length, await server);
    }

    [Fact]
    public async Task Connect_tries_each_address_until_one_listens()
    {
        if (_loop is null) return;
        // Only 127.0.0.1 listens; ::1 first is what a localhost that resolves to both looks like.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var transport = new EpollTransport(_loop, inlineCompletions: false);
        await transport.ConnectAnyAsync([IPAddress.IPv6Loopback, IPAddress.Loopback], port, timeout.Token);
        using var accepted = await listener.AcceptSocketAsync(timeout.Token);
        await transport.SendAsync("ping"u8.ToArray(), timeout.Token);
        var buffer = new byte[4];
        Assert.Equal(4, await accepted.ReceiveAsync(buffer, SocketFlags.None, timeout.Token));

        using var refused = new EpollTransport(_loop, inlineCompletions: false);
        listener.Stop();
        await Assert.ThrowsAsync<SocketException>(async () => await refused.ConnectAnyAsync([IPAddress.IPv6Loopback, IPAddress.Loopback], port,
            timeout.Token));
    }

    private static async Task<long> AnswerEarlyThenDrainAsync(TcpListener listener, int requestBytes, CancellationToken token)
    {
        using var client = await listener.AcceptSocketAsync(token);
        var buffer = new byte[64 * 1024];
        long received = 0;
        var answered = false;
        while (true)
        {
            var read = await client.ReceiveAsync(buffer, SocketFlags.None, token);
            if (read == 0) return received;
            received += read;
            if (!answered)
            {
                await client.SendAsync(Answer, SocketFlags.None, token);
                answered = true;
                await Task.Delay(100, token); // let the client's send fill its buffer and wait
            }
            if (received >= requestBytes) return received;
            await Task.Delay(1, token);
        }
    }

    public void Dispose() => _loop?.Dispose();
}
