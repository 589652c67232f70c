using System.Net;
using System.Net.Sockets;
using System.Text;
using LoadLeak.Scenarios.Http;
using LoadLeak.Scenarios.Http.Raw;
using LoadLeak.Scenarios.Http.Raw.Epoll;

namespace LoadLeak.Tests.Scenarios.RawHttp;

/// <summary>Both transports under a <see cref="RawConnection"/>, against a loopback server, with bodies larger than the receive buffer.</summary>
public sealed class RawTransportTests : IDisposable
{
    private const int BodyBytes = 100_000;
    private readonly EpollLoop? _loop = EpollNative.Supported ? new EpollLoop() : null;

    [Theory]
    [InlineData("socket", true)]
    [InlineData("socket", false)]
    [InlineData("epoll", true)]
    [InlineData("epoll", false)]
    public async Task Exchanges_carry_whole_responses_over_one_kept_alive_connection(string transport, bool inline)
    {
        if (transport == "epoll" && _loop is null) return; // epoll exists on Linux only
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var server = ServeAsync(listener, exchanges: 20, timeout.Token);

        var request = RawRequest.Build(HttpSettings.Read(Settings.Reader(
            $$"""{"Client":"raw","Method":"GET","Url":"http://127.0.0.1:{{port}}/big"}""")));
        using var connection = new RawConnection(transport == "epoll" ? new EpollTransport(_loop!, inline) : new SocketTransport(inline));
        await connection.ConnectAsync(listener.LocalEndpoint, timeout.Token);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(ExchangeOutcome.Complete, await Exchange.RunAsync(connection, request, timeout.Token));
            Assert.Equal((200, BodyBytes, true), (connection.Parser.StatusCode, connection.Parser.BodyBytes, connection.Reusable));
            Assert.True(connection.ResponseBytes > BodyBytes);
        }
        Assert.Equal(20, connection.Served);
        // The server closes after its 20th response: the next exchange sees the close before any response byte.
        Assert.Equal(20, await server);
        Assert.Equal(ExchangeOutcome.ClosedBeforeResponse, await ExchangeOrClosed(connection, request, timeout.Token));
    }

    private static async Task<ExchangeOutcome> ExchangeOrClosed(RawConnection connection, RawRequest request, CancellationToken token)
    {
        try { return await Exchange.RunAsync(connection, request, token); }
        catch (SocketException error) when (error.SocketErrorCode is SocketError.ConnectionReset or SocketError.Shutdown
            && connection.ResponseBytes == 0)
        {
            return ExchangeOutcome.ClosedBeforeResponse;
        }
    }

    private static async Task<int> ServeAsync(TcpListener listener, int exchanges, CancellationToken token)
    {
        using var client = await listener.AcceptTcpClientAsync(token);
        var stream = client.GetStream();
        var response = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {BodyBytes}\r\n\r\n" + new string('b', BodyBytes));
        var buffer = new byte[8192];
        var served = 0;
        var pending = "";
        while (served < exchanges)
        {
            var read = await stream.ReadAsync(buffer, token);
            if (read == 0) break;
            pending += Encoding.ASCII.GetString(buffer, 0, read);
            int end;
            while (served < exchanges && (end = pending.IndexOf("\r\n\r\n", StringComparison.Ordinal)) >= 0)
            {
                pending = pending[(end + 4)..];
                await stream.WriteAsync(response, token);
                served++;
            }
        }
        return served;
    }

    public void Dispose() => _loop?.Dispose();
}
