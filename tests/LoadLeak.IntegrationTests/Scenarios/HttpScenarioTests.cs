using LoadLeak.Scenarios;
using LoadLeak.Scenarios.Settings;

namespace LoadLeak.IntegrationTests.Scenarios;

[Collection(TargetCollection.Name)]
public sealed class HttpScenarioTests(TargetFixture fixture)
{
    [Fact]
    public async Task Posts_the_template_and_the_target_sees_the_benchmark_id()
    {
        var props = ScenarioCatalog.Create("http", Json("""{"Url":"http://127.0.0.1:{port}/api/query","BenchmarkId":"it-http-1","MaxConnections":4}"""), fixture.Environment);
        var responses = await ScenarioDriver.RunAsync(props, iterations: 200, concurrency: 8);

        Assert.Equal(200, responses.Count);
        Assert.All(responses, r => { Assert.True(r.IsOk, r.Message); Assert.Equal("200", r.StatusCode); Assert.True(r.SizeBytes > 100); });
        var seen = await fixture.GetJsonAsync("/api/seen");
        Assert.Equal("it-http-1", seen.GetProperty("lastHttpBenchmarkId").GetString());
        Assert.Equal("HTTP/1.1", seen.GetProperty("lastHttpProtocol").GetString());
    }

    [Fact]
    public async Task Http2_uses_h2c_with_prior_knowledge()
    {
        var props = ScenarioCatalog.Create("http-h2", Json("""{"Url":"http://127.0.0.1:{grpcPort}/api/query","HttpVersion":"2","BenchmarkId":"it-h2"}"""), fixture.Environment);
        var responses = await ScenarioDriver.RunAsync(props, iterations: 50, concurrency: 10);

        Assert.All(responses, r => Assert.True(r.IsOk, $"{r.StatusCode} {r.Message}"));
        var seen = await fixture.GetJsonAsync("/api/seen");
        Assert.Equal("HTTP/2", seen.GetProperty("lastHttpProtocol").GetString());
        Assert.Equal("it-h2", seen.GetProperty("lastHttpBenchmarkId").GetString());
    }

    [Fact]
    public async Task Http2_against_an_http1_only_port_fails_without_downgrading()
    {
        var props = ScenarioCatalog.Create("http", Json("""{"Url":"http://127.0.0.1:{port}/api/query","HttpVersion":"2","TimeoutMs":5000}"""), fixture.Environment);
        var response = Assert.Single(await ScenarioDriver.RunAsync(props, iterations: 1));
        Assert.False(response.IsOk);
        Assert.False(string.IsNullOrEmpty(response.Message));
    }

    [Fact]
    public async Task Non_2xx_fails_with_the_numeric_status()
    {
        var props = ScenarioCatalog.Create("http", Json("""{"Url":"http://127.0.0.1:{port}/api/missing"}"""), fixture.Environment);
        var response = Assert.Single(await ScenarioDriver.RunAsync(props, iterations: 1));
        Assert.False(response.IsOk);
        Assert.Equal("404", response.StatusCode);
    }

    [Fact]
    public async Task Refused_port_fails_with_connection_refused()
    {
        var env = new ScenarioEnvironment(new Dictionary<string, string> { ["port"] = FreePort.Next().ToString() }, null);
        var props = ScenarioCatalog.Create("http", Json("{}"), env);
        var responses = await ScenarioDriver.RunAsync(props, iterations: 3);
        Assert.All(responses, r =>
        {
            Assert.False(r.IsOk);
            Assert.Equal("connection-refused", r.StatusCode);
            Assert.Contains("refused", r.Message, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task Slow_response_fails_with_timeout()
    {
        var props = ScenarioCatalog.Create("http", Json("""{"Url":"http://127.0.0.1:{port}/api/query?delayMs=3000","TimeoutMs":200}"""), fixture.Environment);
        var response = Assert.Single(await ScenarioDriver.RunAsync(props, iterations: 1));
        Assert.False(response.IsOk);
        Assert.Equal("timeout", response.StatusCode);
        Assert.InRange(response.CustomLatencyMs!.Value, 150, 2900);
    }

    private static System.Text.Json.JsonElement Json(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.Clone();
}
