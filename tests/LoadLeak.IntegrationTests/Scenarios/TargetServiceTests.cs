using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace LoadLeak.IntegrationTests.Scenarios;

public sealed class TargetServiceTests
{
    [Theory]
    [InlineData("--port", "70000")]
    [InlineData("--leak", "no-such-mode")]
    [InlineData("--impl", "cache=redis")]
    [InlineData("--bogus")]
    [InlineData("--kafka")]
    public async Task Bad_arguments_exit_with_2_and_say_why(params string[] args)
    {
        var (exitCode, output) = await TargetProcess.RunToExitAsync(args);
        Assert.Equal(2, exitCode);
        Assert.StartsWith("TargetService: ", output.Trim());
        Assert.Contains(args[0], output);
    }

    [Fact]
    public async Task Port_in_use_exits_with_2_in_one_line()
    {
        using var occupied = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((System.Net.IPEndPoint)occupied.LocalEndpoint).Port;
        var (exitCode, output) = await TargetProcess.RunToExitAsync("--port", port.ToString(), "--grpc-port", FreePort.Next().ToString());
        Assert.Equal(2, exitCode);
        Assert.StartsWith("TargetService: cannot listen:", output.Trim());
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task Help_lists_every_leak_mode()
    {
        var (exitCode, output) = await TargetProcess.RunToExitAsync("--help");
        Assert.Equal(0, exitCode);
        foreach (var mode in new[] { "static-cache", "pending-tasks", "stale-pool", "context-list", "timers", "threads", "grpc-only", "kafka-only", "bounded-cache", "one-time", "sawtooth" })
            Assert.Contains(mode, output);
    }

    [Fact]
    public async Task All_leak_modes_and_the_alternative_implementations_serve_correct_replies()
    {
        using var target = await TargetProcess.StartAsync("--leak",
            "static-cache,pending-tasks,stale-pool,context-list,timers,threads,grpc-only,kafka-only,bounded-cache,one-time,sawtooth",
            "--impl", "cache=lru,serializer=manual");
        Assert.Contains("impl=cache=lru,serializer=manual", target.Output);
        using var client = new HttpClient();
        for (var i = 0; i < 1100; i++) // past the thread leak's 1000-request step
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target.HttpBase + "/api/query")
            {
                Content = new StringContent("""{"op":"query","payload":"a1b2c3"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Benchmark-ID", "leaky");
            using var response = await client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode);
            if (i == 0)
            {
                var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal("leaky", reply.GetProperty("benchmarkId").GetString());
                Assert.Equal(6, reply.GetProperty("payloadLength").GetInt32());
                Assert.Equal("query", reply.GetProperty("op").GetString());
            }
        }
        Assert.Equal(1100, (await client.GetFromJsonAsync<JsonElement>(target.HttpBase + "/api/seen")).GetProperty("http").GetInt64());
    }
}
