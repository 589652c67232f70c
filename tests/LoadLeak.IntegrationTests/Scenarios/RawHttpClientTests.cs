using System.Text;
using System.Text.Json;
using LoadLeak.Scenarios;
using LoadLeak.Scenarios.Http;
using LoadLeak.Scenarios.Settings;

namespace LoadLeak.IntegrationTests.Scenarios;

/// <summary>The HTTP scenario with <c>Client: "raw"</c>, against the bundled target and against scripted servers.</summary>
[Collection(TargetCollection.Name)]
public sealed class RawHttpClientTests(TargetFixture fixture)
{
    [Fact]
    public async Task Every_ok_response_is_a_request_the_target_served_with_the_benchmark_id()
    {
        var before = (await fixture.GetJsonAsync("/api/seen")).GetProperty("http").GetInt64();
        var props = ScenarioCatalog.Create("http", Json("""{"Client":"raw","BenchmarkId":"it-raw-1","MaxConnections":4}"""), fixture.Environment);
        // More requests in flight than connections: some wait for a connection to come back.
        var responses = await ScenarioDriver.RunAsync(props, iterations: 400, concurrency: 12);

        Assert.Equal(400, responses.Count);
        Assert.All(responses, r => { Assert.True(r.IsOk, $"{r.StatusCode} {r.Message}"); Assert.Equal("200", r.StatusCode); Assert.True(r.SizeBytes > 150, $"{r.SizeBytes}"); });
        var seen = await fixture.GetJsonAsync("/api/seen");
        Assert.Equal(before + 400, seen.GetProperty("http").GetInt64());
        Assert.Equal("it-raw-1", seen.GetProperty("lastHttpBenchmarkId").GetString());
        Assert.Equal("HTTP/1.1", seen.GetProperty("lastHttpProtocol").GetString());
    }

    [Fact]
    public async Task Non_2xx_fails_with_the_numeric_status()
    {
        var props = ScenarioCatalog.Create("http", Json("""{"Client":"raw","Url":"http://127.0.0.1:{port}/api/missing"}"""), fixture.Environment);
        var responses = await ScenarioDriver.RunAsync(props, iterations: 3);
        Assert.All(responses, r => { Assert.False(r.IsOk); Assert.Equal("404", r.StatusCode); Assert.StartsWith("HTTP 404", r.Message); });
    }

    [Fact]
    public async Task Refused_port_fails_with_connection_refused_and_the_run_goes_on()
    {
        var env = new ScenarioEnvironment(new Dictionary<string, string> { ["port"] = FreePort.Next().ToString() }, null);
        var props = ScenarioCatalog.Create("http", Json("""{"Client":"raw","MaxConnections":2}"""), env);
        var responses = await ScenarioDriver.RunAsync(props, iterations: 20, concurrency: 4);
        Assert.Equal(20, responses.Count);
        Assert.All(responses, r => { Assert.False(r.IsOk); Assert.Equal("connection-refused", r.StatusCode); });
    }

    [Fact]
    public async Task A_timed_out_request_frees_its_connection_for_the_next()
    {
        var slow = new HttpScenario(HttpSettings.Read(new SettingsReader("http", Json(
            """{"Client":"raw","Url":"http://127.0.0.1:{port}/api/query?delayMs=3000","TimeoutMs":200,"MaxConnections":1}"""), fixture.Environment)));
        var responses = await ScenarioDriver.RunAsync(slow.ToProps("http"), iterations: 2);
        Assert.All(responses, r => Assert.Equal("timeout", r.StatusCode));
        Assert.All(responses, r => Assert.InRange(r.CustomLatencyMs!.Value, 150, 2900));
    }

    [Fact]
    public async Task Connects_a_server_never_accepts_time_out()
    {
        // A listener that never accepts: once its backlog is full, the kernel drops further SYNs and connects hang.
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        socket.Listen(1);
        var port = ((System.Net.IPEndPoint)socket.LocalEndPoint!).Port;
        var props = ScenarioCatalog.Create("http", Json($$"""{"Client":"raw","Url":"http://127.0.0.1:{{port}}/x","MaxConnections":6,"TimeoutMs":300}"""), new ScenarioEnvironment(new Dictionary<string, string>(), null));
        var started = System.Diagnostics.Stopwatch.StartNew();
        var responses = await ScenarioDriver.RunAsync(props, iterations: 12, concurrency: 6);
        Assert.All(responses, r => Assert.Equal("timeout", r.StatusCode));
        Assert.InRange(started.Elapsed.TotalSeconds, 0, 10);
    }

    [Fact]
    public async Task Stopping_fails_the_requests_in_flight_and_those_waiting_for_a_connection()
    {
        var scenario = new HttpScenario(HttpSettings.Read(new SettingsReader("http", Json(
            """{"Client":"raw","Url":"http://127.0.0.1:{port}/api/query?delayMs=5000","MaxConnections":1}"""), fixture.Environment)));
        scenario.Start();
        var log = new CollectingLog();
        var running = Enumerable.Range(1, 4).Select(i => scenario.RunAsync(new TestStepContext("http", i, log, CancellationToken.None))).ToArray();
        await Task.Delay(300);
        scenario.Stop();
        var all = Task.WhenAll(running);
        Assert.Same(all, await Task.WhenAny(all, Task.Delay(3000)));
        Assert.All(await all, r => Assert.False(r.IsOk));
    }

    [Fact]
    public async Task Chunked_responses_split_in_pieces_and_closed_connections_are_handled()
    {
        var big = new string('x', 40_000);
        await using var server = new ScriptedHttpServer((connection, request) => request switch
        {
            // 1st: chunked with extensions and a trailer, the body larger than the client's buffer, sent in pieces.
            1 => ([Ascii("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-"), Ascii("Encoding: chunked\r\n\r\n4;a=b\r\nwi"),
                   Ascii($"ki\r\n{big.Length:x}\r\n{big}\r\n0\r\nX-T"), Ascii("rail: 1\r\n\r\n")], false),
            // 2nd: odd connections say Connection: close; even ones keep alive, then close idle without a word.
            _ => ([Ascii($"HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n{(connection % 2 == 1 ? "Connection: close\r\n" : "")}\r\nok")], true),
        });
        var props = ScenarioCatalog.Create("http", Json($$"""{"Client":"raw","Url":"http://127.0.0.1:{{server.Port}}/x","MaxConnections":2,"TimeoutMs":5000}"""), new ScenarioEnvironment(new Dictionary<string, string>(), null));
        var responses = await ScenarioDriver.RunAsync(props, iterations: 60, concurrency: 2);

        Assert.All(responses, r => Assert.True(r.IsOk, $"{r.StatusCode} {r.Message}"));
        // Each connection's first response is the chunked 200 and its second the 202 (then it is closed); the run's
        // last connections may have carried only one request.
        Assert.Equal(server.Connections, responses.Count(r => r.StatusCode == "200" && r.SizeBytes > 40_000));
        Assert.Equal(60 - server.Connections, responses.Count(r => r.StatusCode == "202"));
        Assert.InRange(server.Connections, 30, 32);
        // Every request reached the server exactly once: a retry follows only a connection closed before the request was read.
        Assert.Equal(60, server.Requests);
    }

    [Fact]
    public async Task A_malformed_response_fails_and_its_connection_is_never_reused()
    {
        await using var server = new ScriptedHttpServer((_, _) => ([Ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nBroken header\r\n\r\nok")], false));
        var props = ScenarioCatalog.Create("http", Json($$"""{"Client":"raw","Url":"http://127.0.0.1:{{server.Port}}/x","MaxConnections":1}"""), new ScenarioEnvironment(new Dictionary<string, string>(), null));
        var responses = await ScenarioDriver.RunAsync(props, iterations: 5);
        Assert.All(responses, r => { Assert.Equal("bad-response", r.StatusCode); Assert.Contains("Broken header", r.Message); });
        Assert.Equal(5, server.Connections);
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
