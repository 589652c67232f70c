using System.Diagnostics;
using LoadLeak.Kafka;
using LoadLeak.Scenarios;
using LoadLeak.Scenarios.Kafka;
using LoadLeak.Scenarios.Settings;

namespace LoadLeak.IntegrationTests.Scenarios;

/// <summary>
/// The Kafka scenario against the embedded broker and the consuming target, with Confluent.Kafka's producer named
/// (<c>Producer: confluent</c>) and with the default (<c>auto</c>, which picks the native producer here).
/// </summary>
[Collection(TargetCollection.Name)]
public sealed class KafkaScenarioTests(TargetFixture fixture)
{
    [Theory]
    [InlineData("confluent")]
    [InlineData("auto")]
    public async Task Produced_messages_are_acked_and_consumed_by_the_target_with_end_to_end_latency(string producer)
    {
        var before = (await fixture.GetJsonAsync("/api/kafka/e2e")).GetProperty("count").GetInt64();
        var settings = Json($$"""{"BootstrapServers":"embedded","Topic":"{{TargetFixture.Topic}}","BenchmarkId":"it-kafka-1","LingerMs":1,"EndToEndUrl":"http://127.0.0.1:{port}/api/kafka/e2e"}""", producer);
        var props = ScenarioCatalog.Create("kafka", settings, fixture.Environment);

        // Clean reads the target's figures, so give the consumer time to catch up before it runs.
        var log = new CollectingLog();
        var responses = await ScenarioDriver.RunAsync(props with { Clean = async ctx => { await WaitConsumedAsync(before + 300); await props.Clean!(ctx); } },
            iterations: 300, concurrency: 20, log);

        // Confluent's responses carry their send-to-ack time; the native producer's single messages leave it to the engine's
        // measure of the iteration (KafkaNativeProducerTests checks what the engine records).
        Assert.All(responses, r =>
        {
            Assert.True(r.IsOk, $"{r.StatusCode} {r.Message}");
            Assert.Equal("Persisted", r.StatusCode);
            Assert.True(producer == "confluent" ? r.CustomLatencyMs > 0 : r.CustomLatencyMs is null);
        });
        var e2e = await fixture.GetJsonAsync("/api/kafka/e2e");
        Assert.True(e2e.GetProperty("count").GetInt64() >= before + 300);
        Assert.Equal("it-kafka-1", e2e.GetProperty("lastBenchmarkId").GetString());
        Assert.InRange(e2e.GetProperty("p50Ms").GetDouble(), 0.001, 60_000);
        Assert.Contains(log.Lines, line => line.StartsWith("info: Kafka end-to-end latency", StringComparison.Ordinal) && line.Contains("p99"));

        var fetched = await EndToEndLatency.FetchAsync(new Uri(fixture.Target.HttpBase + "/api/kafka/e2e"), TimeSpan.FromSeconds(5));
        Assert.NotNull(fetched);
        Assert.True(fetched.P99Ms >= fetched.P50Ms);
    }

    [Theory]
    [InlineData("confluent")]
    [InlineData("auto")]
    public async Task Broker_down_fails_with_the_kafka_error_and_recovers_when_up(string producer)
    {
        using var kafka = EmbeddedKafka.Start(brokers: 1);
        var env = new ScenarioEnvironment(new Dictionary<string, string>(), kafka.BootstrapServers);
        var props = ScenarioCatalog.Create("kafka", Json("""{"Topic":"down-test","MessageTimeoutMs":1500,"LingerMs":0}""", producer), env);
        var init = new TestInitContext("kafka", props.CustomSettings, new CollectingLog());
        await props.Init!(init);
        try
        {
            Assert.True((await ScenarioDriver.RunOnceAsync(props)).IsOk);
            kafka.SetBrokerDown(1);
            var down = await ScenarioDriver.RunOnceAsync(props);
            Assert.False(down.IsOk);
            Assert.Equal("Local_MsgTimedOut", down.StatusCode); // librdkafka's verdict once MessageTimeoutMs passed
            Assert.False(string.IsNullOrEmpty(down.Message));

            kafka.SetBrokerUp(1);
            var up = await ScenarioDriver.RunUntilOkAsync(props, TimeSpan.FromSeconds(12));
            Assert.True(up.IsOk, $"still failing after the broker came back: {up.StatusCode} {up.Message}");
        }
        finally
        {
            await props.Clean!(init);
        }
    }

    private async Task WaitConsumedAsync(long count)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(15)
               && (await fixture.GetJsonAsync("/api/kafka/e2e")).GetProperty("count").GetInt64() < count)
            await Task.Delay(100);
    }

    private static System.Text.Json.JsonElement Json(string json, string producer) => ClientSettings.Json(json, "Producer", producer);
}
