using LoadLeak.Scenarios;
using LoadLeak.Scenarios.Settings;

namespace LoadLeak.IntegrationTests.Scenarios;

/// <summary>
/// The gRPC scenario against the real target, with Grpc.Net.Client named (<c>Client: grpc-net</c>) and with the default
/// (<c>auto</c>, which picks the lean client over h2c); LeanGrpcScenarioTests go deeper into the lean client.
/// </summary>
[Collection(TargetCollection.Name)]
public sealed class GrpcScenarioTests(TargetFixture fixture)
{
    [Theory]
    [InlineData("grpc-net")]
    [InlineData("auto")]
    public async Task Unary_calls_succeed_and_carry_the_benchmark_id_metadata(string client)
    {
        var props = ScenarioCatalog.Create("grpc", Json("""{"Address":"http://127.0.0.1:{grpcPort}","BenchmarkId":"it-grpc-1"}""", client), fixture.Environment);
        var responses = await ScenarioDriver.RunAsync(props, iterations: 200, concurrency: 16);

        Assert.Equal(200, responses.Count);
        Assert.All(responses, r => { Assert.True(r.IsOk, r.Message); Assert.Equal("OK", r.StatusCode); Assert.True(r.SizeBytes > 0); });
        var seen = await fixture.GetJsonAsync("/api/seen");
        Assert.Equal("it-grpc-1", seen.GetProperty("lastGrpcBenchmarkId").GetString());
    }

    [Theory]
    [InlineData("grpc-net")]
    [InlineData("auto")]
    public async Task The_deadline_reaches_the_server(string client)
    {
        var props = ScenarioCatalog.Create("grpc", Json("""{"DeadlineMs":4000}""", client), fixture.Environment);
        var response = Assert.Single(await ScenarioDriver.RunAsync(props, iterations: 1));

        Assert.True(response.IsOk, response.Message);
        var left = (await fixture.GetJsonAsync("/api/seen")).GetProperty("lastGrpcDeadlineMs").GetDouble();
        Assert.InRange(left, 3000, 4000);
    }

    [Theory]
    [InlineData("grpc-net")]
    [InlineData("auto")]
    public async Task Server_streaming_reads_every_message(string client)
    {
        var unary = Assert.Single(await ScenarioDriver.RunAsync(
            ScenarioCatalog.Create("grpc", Json("{}", client), fixture.Environment), iterations: 1));
        var stream = Assert.Single(await ScenarioDriver.RunAsync(
            ScenarioCatalog.Create("grpc", Json("""{"Call":"stream","StreamMessages":20}""", client), fixture.Environment), iterations: 1));

        Assert.True(stream.IsOk, stream.Message);
        // Twenty replies of about the unary reply's size each.
        Assert.True(stream.SizeBytes > 10 * unary.SizeBytes, $"stream {stream.SizeBytes} B vs unary {unary.SizeBytes} B");
    }

    [Theory]
    [InlineData("grpc-net")]
    [InlineData("auto")]
    public async Task Tiny_deadline_fails_with_deadline_exceeded(string client)
    {
        var props = ScenarioCatalog.Create("grpc", Json("""{"Call":"stream","StreamMessages":10000,"DeadlineMs":1}""", client), fixture.Environment);
        var responses = await ScenarioDriver.RunAsync(props, iterations: 3);
        Assert.All(responses, r => { Assert.False(r.IsOk); Assert.Equal("DeadlineExceeded", r.StatusCode); });
    }

    [Theory]
    [InlineData("grpc-net")]
    [InlineData("auto")]
    public async Task Refused_port_fails_with_unavailable(string client)
    {
        var env = new ScenarioEnvironment(new Dictionary<string, string> { ["grpcPort"] = FreePort.Next().ToString() }, null);
        var response = Assert.Single(await ScenarioDriver.RunAsync(ScenarioCatalog.Create("grpc", Json("{}", client), env), iterations: 1));
        Assert.False(response.IsOk);
        Assert.Equal("Unavailable", response.StatusCode);
        Assert.False(string.IsNullOrEmpty(response.Message));
    }

    private static System.Text.Json.JsonElement Json(string json, string client) => ClientSettings.Json(json, "Client", client);
}
