using LoadLeak.Scenarios;
using LoadLeak.Scenarios.Settings;

namespace LoadLeak.IntegrationTests.Scenarios;

/// <summary>The gRPC scenario with CustomSettings Client "lean" against the real target, checked against what the target saw and against Grpc.Net.Client.</summary>
[Collection(TargetCollection.Name)]
public sealed class LeanGrpcScenarioTests(TargetFixture fixture)
{
    [Fact]
    public async Task Unary_calls_succeed_and_the_target_saw_each_with_its_benchmark_id()
    {
        var before = (await fixture.GetJsonAsync("/api/seen")).GetProperty("grpc").GetInt64();
        var responses = await ScenarioDriver.RunAsync(Lean("""{"BenchmarkId":"it-lean-1","MaxConnections":4}"""), iterations: 20_000, concurrency: 64);

        Assert.Equal(20_000, responses.Count);
        Assert.All(responses, r => { Assert.True(r.IsOk, r.Message); Assert.Equal("OK", r.StatusCode); });
        var seen = await fixture.GetJsonAsync("/api/seen");
        Assert.Equal("it-lean-1", seen.GetProperty("lastGrpcBenchmarkId").GetString());
        // Other tests in the collection run one at a time, so every call the target saw since is ours.
        Assert.Equal(20_000, seen.GetProperty("grpc").GetInt64() - before);

        var reference = Assert.Single(await ScenarioDriver.RunAsync(
            ScenarioCatalog.Create("grpc", Json("""{"BenchmarkId":"it-lean-1"}"""), fixture.Environment), iterations: 1));
        Assert.All(responses, r => Assert.Equal(reference.SizeBytes, r.SizeBytes));
    }

    [Fact]
    public async Task Unary_calls_also_succeed_with_thread_pool_completions()
    {
        var responses = await ScenarioDriver.RunAsync(Lean("""{"SocketCompletions":"threadpool"}"""), iterations: 3000, concurrency: 32);
        Assert.Equal(3000, responses.Count);
        Assert.All(responses, r => Assert.True(r.IsOk, $"{r.StatusCode}: {r.Message}"));
    }

    [Fact]
    public async Task The_deadline_reaches_the_server()
    {
        var response = Assert.Single(await ScenarioDriver.RunAsync(Lean("""{"DeadlineMs":4000}"""), iterations: 1));

        Assert.True(response.IsOk, response.Message);
        var left = (await fixture.GetJsonAsync("/api/seen")).GetProperty("lastGrpcDeadlineMs").GetDouble();
        Assert.InRange(left, 3000, 4000);
    }

    [Fact]
    public async Task Server_streaming_counts_every_message_as_grpc_net_does()
    {
        const string settings = """{"Call":"stream","StreamMessages":300}""";
        var lean = await ScenarioDriver.RunAsync(Lean(settings), iterations: 20, concurrency: 4);
        var reference = Assert.Single(await ScenarioDriver.RunAsync(ScenarioCatalog.Create("grpc", Json(settings), fixture.Environment), iterations: 1));

        Assert.True(reference.IsOk, reference.Message);
        Assert.All(lean, r => { Assert.True(r.IsOk, r.Message); Assert.Equal(reference.SizeBytes, r.SizeBytes); });
    }

    [Fact]
    public async Task Requests_larger_than_the_servers_windows_wait_for_its_window_updates()
    {
        // 1.5 MB each, four at once on one connection: above Kestrel's 768 KB stream and 1 MB connection windows.
        var before = (await fixture.GetJsonAsync("/api/seen")).GetProperty("grpc").GetInt64();
        var responses = await ScenarioDriver.RunAsync(Lean("""{"PayloadSizeBytes":1500000,"MaxConnections":1}"""), iterations: 12, concurrency: 4);

        Assert.All(responses, r => Assert.True(r.IsOk, $"{r.StatusCode}: {r.Message}"));
        Assert.All(responses, r => Assert.True(r.SizeBytes > 1_500_000));
        Assert.Equal(12, (await fixture.GetJsonAsync("/api/seen")).GetProperty("grpc").GetInt64() - before);
    }

    [Fact]
    public async Task Streams_beyond_the_connection_receive_window_keep_flowing()
    {
        // 72 × 10 000 replies of ~57 bytes on one connection: ~41 MB, more than our 32 MB connection window: stalls unless we return it.
        var responses = await ScenarioDriver.RunAsync(Lean("""{"Call":"stream","StreamMessages":10000,"MaxConnections":1,"DeadlineMs":20000}"""),
            iterations: 72, concurrency: 4);

        Assert.Equal(72, responses.Count);
        Assert.All(responses, r => { Assert.True(r.IsOk, $"{r.StatusCode}: {r.Message}"); Assert.True(r.SizeBytes > 500_000, r.SizeBytes.ToString()); });
    }

    [Fact]
    public async Task Tiny_deadline_fails_with_deadline_exceeded()
    {
        var responses = await ScenarioDriver.RunAsync(Lean("""{"Call":"stream","StreamMessages":10000,"DeadlineMs":1}"""), iterations: 3);
        Assert.All(responses, r => { Assert.False(r.IsOk); Assert.Equal("DeadlineExceeded", r.StatusCode); });

        // The connection stays usable after the cancelled streams.
        var after = await ScenarioDriver.RunAsync(Lean("{}"), iterations: 5);
        Assert.All(after, r => Assert.True(r.IsOk, r.Message));
    }

    [Fact]
    public async Task Refused_port_fails_every_call_with_unavailable_and_the_run_goes_on()
    {
        var env = new ScenarioEnvironment(new Dictionary<string, string> { ["grpcPort"] = FreePort.Next().ToString() }, null);
        var responses = await ScenarioDriver.RunAsync(ScenarioCatalog.Create("grpc", Json("""{"Client":"lean"}"""), env), iterations: 5, concurrency: 2);

        Assert.Equal(5, responses.Count);
        Assert.All(responses, r => { Assert.False(r.IsOk); Assert.Equal("Unavailable", r.StatusCode); Assert.False(string.IsNullOrEmpty(r.Message)); });
    }

    private Engine.Api.ScenarioProps Lean(string settings)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(settings)!.AsObject();
        json["Client"] = "lean";
        return ScenarioCatalog.Create("grpc", Json(json.ToJsonString()), fixture.Environment);
    }

    private static System.Text.Json.JsonElement Json(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.Clone();
}
