using LoadLeak.Scenarios;
using LoadLeak.Scenarios.Settings;

namespace LoadLeak.IntegrationTests.Scenarios;

[Collection(TargetCollection.Name)]
public sealed class GrpcScenarioTests(TargetFixture fixture)
{
    [Fact]
    public async Task Unary_calls_succeed_and_carry_the_benchmark_id_metadata()
    {
        var props = ScenarioCatalog.Create("grpc", Json("""{"Address":"http://127.0.0.1:{grpcPort}","BenchmarkId":"it-grpc-1"}"""), fixture.Environment);
        var responses = await ScenarioDriver.RunAsync(props, iterations: 200, concurrency: 16);

        Assert.Equal(200, responses.Count);
        Assert.All(responses, r => { Assert.True(r.IsOk, r.Message); Assert.Equal("OK", r.StatusCode); Assert.True(r.SizeBytes > 0); });
        var seen = await fixture.GetJsonAsync("/api/seen");
        Assert.Equal("it-grpc-1", seen.GetProperty("lastGrpcBenchmarkId").GetString());
    }

    [Fact]
    public async Task The_deadline_reaches_the_server()
    {
        var props = ScenarioCatalog.Create("grpc", Json("""{"DeadlineMs":4000}"""), fixture.Environment);
        var response = Assert.Single(await ScenarioDriver.RunAsync(props, iterations: 1));

        Assert.True(response.IsOk, response.Message);
        var left = (await fixture.GetJsonAsync("/api/seen")).GetProperty("lastGrpcDeadlineMs").GetDouble();
        Assert.InRange(left, 3000, 4000);
    }

    [Fact]
    public async Task Server_streaming_reads_every_message()
    {
        var unary = Assert.Single(await ScenarioDriver.RunAsync(
            ScenarioCatalog.Create("grpc", Json("{}"), fixture.Environment), iterations: 1));
        var stream = Assert.Single(await ScenarioDriver.RunAsync(
            ScenarioCatalog.Create("grpc", Json("""{"Call":"stream","StreamMessages":20}"""), fixture.Environment), iterations: 1));

        Assert.True(stream.IsOk, stream.Message);
        // Twenty replies of about the unary reply's size each.
        Assert.True(stream.SizeBytes > 10 * unary.SizeBytes, $"stream {stream.SizeBytes} B vs unary {unary.SizeBytes} B");
    }

    [Fact]
    public async Task Tiny_deadline_fails_with_deadline_exceeded()
    {
        var props = ScenarioCatalog.Create("grpc", Json("""{"Call":"stream","StreamMessages":10000,"DeadlineMs":1}"""), fixture.Environment);
        var responses = await ScenarioDriver.RunAsync(props, iterations: 3);
        Assert.All(responses, r => { Assert.False(r.IsOk); Assert.Equal("DeadlineExceeded", r.StatusCode); });
    }

    [Fact]
    public async Task Refused_port_fails_with_unavailable()
    {
        var env = new ScenarioEnvironment(new Dictionary<string, string> { ["grpcPort"] = FreePort.Next().ToString() }, null);
        var response = Assert.Single(await ScenarioDriver.RunAsync(ScenarioCatalog.Create("grpc", Json("{}"), env), iterations: 1));
        Assert.False(response.IsOk);
        Assert.Equal("Unavailable", response.StatusCode);
        Assert.False(string.IsNullOrEmpty(response.Message));
    }

    private static System.Text.Json.JsonElement Json(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.Clone();
}
