using System.Diagnostics;
using System.Text.Json;
using LoadLeak.Scenarios;
using LoadLeak.Scenarios.Template;

namespace LoadLeak.IntegrationTests.Scenarios;

/// <summary>Debian's kcat (its own librdkafka build) against our embedded broker and our producer/consumer.</summary>
[Collection(TargetCollection.Name)]
public sealed class KcatTests(TargetFixture fixture)
{
    [RequiresKcatFact]
    public async Task Kcat_reads_what_the_scenario_produced_with_headers()
    {
        var kcat = ExternalTools.Kcat ?? throw new InvalidOperationException("kcat is required when CI=true: apt-get install kcat");
        var topic = "kcat-" + Guid.NewGuid().ToString("N")[..8];
        var props = ScenarioCatalog.Create("kafka", Json($$"""{"Topic":"{{topic}}","BenchmarkId":"it-kcat","PayloadSizeBytes":12}"""), fixture.Environment);
        var responses = await ScenarioDriver.RunAsync(props, iterations: 20, concurrency: 4);
        Assert.All(responses, r => Assert.True(r.IsOk, r.Message));

        var (exit, stdout, stderr) = await Command.RunAsync(kcat,
            ["-C", "-b", fixture.Kafka.BootstrapServers, "-t", topic, "-o", "beginning", "-e", "-J", "-q"], TimeSpan.FromSeconds(20));

        Assert.True(exit == 0, $"kcat exited {exit}: {stderr}");
        var messages = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(20, messages.Count);
        var expectedBody = RequestTemplate.Create("it-kcat", 12).JsonBody;
        Assert.All(messages, message =>
        {
            Assert.Equal(expectedBody, message.GetProperty("payload").GetString());
            var headers = message.GetProperty("headers").EnumerateArray().Select(h => h.GetString()).ToList();
            Assert.Equal([RequestTemplate.HeaderName, "it-kcat"], headers);
        });
    }

    [RequiresKcatFact]
    public async Task Target_consumes_what_kcat_produced()
    {
        var kcat = ExternalTools.Kcat ?? throw new InvalidOperationException("kcat is required when CI=true: apt-get install kcat");
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, RequestTemplate.Default("kcat-producer").JsonBody);
            var (exit, _, stderr) = await Command.RunAsync(kcat,
                ["-P", "-b", fixture.Kafka.BootstrapServers, "-t", TargetFixture.Topic, "-H", "X-Benchmark-ID=kcat-producer", file], TimeSpan.FromSeconds(20));
            Assert.True(exit == 0, $"kcat exited {exit}: {stderr}");

            var watch = Stopwatch.StartNew();
            string? seen = null;
            while (watch.Elapsed < TimeSpan.FromSeconds(15) && seen != "kcat-producer")
            {
                seen = (await fixture.GetJsonAsync("/api/seen")).GetProperty("lastKafkaBenchmarkId").GetString();
                await Task.Delay(100);
            }
            Assert.Equal("kcat-producer", seen);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
