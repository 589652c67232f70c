using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using LoadLeak.Engine.Api;
using LoadLeak.Scenarios.Http;
using LoadLeak.Scenarios.Http.Raw;
using LoadLeak.Scenarios.Settings;

namespace LoadLeak.IntegrationTests.Scenarios;

/// <summary>
/// The raw client's sends that do not fit the socket buffer (large bodies, slow or stalled servers) and its name
/// resolution, over both transports: its own epoll loop and the runtime's sockets (LOADLEAK_RAW_HTTP_EPOLL=0).
/// </summary>
public sealed class RawHttpSendTests
{
    private const int BigBodyBytes = 8 * 1024 * 1024;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_large_body_to_a_slowly_reading_server_arrives_whole(bool epoll)
    {
        var answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nthanks");
        // A small window and paced reads: the client's sends find the buffer full many times over.
        await using var server = new ScriptedHttpServer((_, _) => ([answer], false), new ScriptedHttpServer.Pacing(32 * 1024, 32 * 1024, 1));
        var body = new string('b', BigBodyBytes);
        using var client = Client($$"""{"Client":"raw","Method":"PUT","Url":"http://127.0.0.1:{{server.Port}}/big","Body":"{{body}}","TimeoutMs":12000}""", epoll, out var requestBytes);

        var first = await SendAsync(client, 1);
        var second = await SendAsync(client, 2); // the same connection again, after the buffer was full

        Assert.All(new[] { first, second }, r => { Assert.True(r.IsOk, $"{r.StatusCode} {r.Message}"); Assert.Equal(requestBytes + answer.Length, r.SizeBytes); });
        Assert.True(requestBytes > BigBodyBytes);
        Assert.Equal(2L * BigBodyBytes, server.BodyBytes);
        Assert.Equal((1, 2), (server.Connections, server.Requests));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_send_to_a_server_that_never_reads_times_out_and_closes_its_socket(bool epoll)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Server.ReceiveBufferSize = 16 * 1024;
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = Client($$"""{"Client":"raw","Method":"PUT","Url":"http://127.0.0.1:{{port}}/x","Body":"{{new string('b', BigBodyBytes)}}","TimeoutMs":400,"MaxConnections":1}""", epoll, out _);
        var sending = SendAsync(client, 1);
        using var accepted = await listener.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(5));

        var response = await sending;
        Assert.Equal("timeout", response.StatusCode);
        Assert.InRange(response.CustomLatencyMs!.Value, 300, 5000);
        Assert.Equal(0, client.OpenConnections);
        // The client closed its socket: reading what it managed to send ends in end-of-stream or a reset.
        Assert.True(await ReadsToCloseAsync(accepted, TimeSpan.FromSeconds(5)), "the client's socket is still open");
        // Its slot is free: the next request gets a connection (and times out the same way).
        var next = SendAsync(client, 2);
        using var second = await listener.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("timeout", (await next).StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Localhost_reaches_a_listener_on_127_0_0_1_only(bool epoll)
    {
        // localhost may resolve to ::1 as well (first, even): the client tries each address until one connects.
        var addresses = await Dns.GetHostAddressesAsync("localhost");
        Assert.Contains(IPAddress.Loopback, addresses);
        await using var server = new ScriptedHttpServer((_, _) => ([Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")], false));
        using var client = Client($$"""{"Client":"raw","Method":"GET","Url":"http://localhost:{{server.Port}}/x","TimeoutMs":5000}""", epoll, out _);
        for (var i = 1; i <= 3; i++)
        {
            var response = await SendAsync(client, i);
            Assert.True(response.IsOk, $"{string.Join(", ", addresses.Select(a => a.ToString()))}: {response.StatusCode} {response.Message}");
        }
        Assert.Equal((1, 3), (server.Connections, server.Requests));
    }

    private static async Task<bool> ReadsToCloseAsync(Socket socket, TimeSpan limit)
    {
        var buffer = new byte[256 * 1024];
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) > 0) { }
            return true;
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionReset) { return true; }
        catch (OperationCanceledException) { return false; }
    }

    private static RawHttpClient Client(string json, bool epoll, out long requestBytes)
    {
        if (epoll && !global::LoadLeak.Scenarios.Http.Raw.Epoll.EpollNative.Supported) epoll = false; // epoll exists on Linux only
        var env = new ScenarioEnvironment(new Dictionary<string, string>(), null);
        var settings = HttpSettings.Read(new SettingsReader("http", JsonDocument.Parse(json).RootElement.Clone(), env));
        requestBytes = RawRequest.Build(settings).Bytes.Length;
        return new RawHttpClient(settings, epoll);
    }

    private static Task<Response> SendAsync(RawHttpClient client, int invocation) =>
        client.SendAsync(new TestStepContext("http", invocation, new CollectingLog(), CancellationToken.None)).AsTask();
}
