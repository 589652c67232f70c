using Confluent.Kafka;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Simulations;
using LoadLeak.Kafka;
using LoadLeak.Scenarios;
using LoadLeak.Scenarios.Kafka;
using LoadLeak.Scenarios.Settings;
using Xunit.Abstractions;

namespace LoadLeak.IntegrationTests.Scenarios;

/// <summary>Kafka's BatchSize through the real engine against the embedded broker: counted messages are persisted messages.</summary>
public sealed class KafkaBatchTests(ITestOutputHelper output)
{
    private const int Batch = 50;

    [Fact]
    public async Task With_batches_of_50_the_ok_count_is_the_number_of_messages_the_topic_received()
    {
        using var kafka = EmbeddedKafka.Start(brokers: 1);
        kafka.CreateTopic("batch-it", partitions: 2);
        var env = new ScenarioEnvironment(new Dictionary<string, string>(), kafka.BootstrapServers);
        var log = new CollectingLog();
        var props = ScenarioCatalog.Create("kafka", Json($$"""{"Topic":"batch-it","BatchSize":{{Batch}},"LingerMs":1,"BenchmarkId":"it-batch"}"""), env)
            .WithLoadSimulations(new KeepConstant(4, TimeSpan.FromSeconds(3)));

        var result = await LoadEngine.RunAsync(new EngineSettings([props], TimeSpan.FromSeconds(1), false) { Log = log },
            new RunClock(), NullEngineObserver.Instance, CancellationToken.None);

        var stats = Assert.Single(result.Scenarios);
        Assert.Equal(0, stats.Fail);
        Assert.True(stats.Ok >= Batch, $"only {stats.Ok} messages in 3 s");
        Assert.Equal(0, stats.Ok % Batch); // every iteration is one whole batch
        Assert.Equal(stats.Ok, EndOffsets(kafka.BootstrapServers, "batch-it", partitions: 2));
        Assert.Equal(stats.Ok, stats.StatusCodes["Persisted"]);
        Assert.Equal(stats.Ok, result.Intervals.Sum(r => r.Ok)); // no warm-up: the intervals hold the same messages
        Assert.True(stats.Latency.P50 > 0);
        // Clean's account of what one response per batch hides: each message's own latency is at most the batch's.
        var line = Assert.Single(log.Lines, l => l.StartsWith("info: Kafka batch mode (50 messages per iteration)", StringComparison.Ordinal));
        output.WriteLine(line);
        Assert.Contains("0 failed batches", line);
    }

    [Fact]
    public async Task A_down_broker_fails_the_whole_batch_with_the_kafka_error_and_counts_its_messages()
    {
        using var kafka = EmbeddedKafka.Start(brokers: 1);
        var env = new ScenarioEnvironment(new Dictionary<string, string>(), kafka.BootstrapServers);
        var scenario = new KafkaScenario(KafkaSettings.Read(
            new SettingsReader("kafka", Json("""{"Topic":"batch-down","BatchSize":5,"MessageTimeoutMs":1500,"LingerMs":0}"""), env), env));
        var props = scenario.ToProps("kafka");
        var init = new TestInitContext("kafka", props.CustomSettings, new CollectingLog());
        await props.Init!(init);
        try
        {
            var up = await ScenarioDriver.RunOnceAsync(props);
            Assert.True(up.IsOk, $"{up.StatusCode} {up.Message}");
            Assert.Equal(5, up.Count);
            Assert.Equal("Persisted", up.StatusCode);

            kafka.SetBrokerDown(1);
            var down = await ScenarioDriver.RunOnceAsync(props);
            Assert.False(down.IsOk);
            Assert.Equal(5, down.Count);
            Assert.Equal("Local_MsgTimedOut", down.StatusCode);
            Assert.EndsWith("(one failed message fails its batch of 5)", down.Message);
            Assert.InRange(down.CustomLatencyMs!.Value, 1000, 15_000);

            var figures = scenario.Batches.Read();
            Assert.Equal(2, figures.Batches);
            Assert.Equal(1, figures.FailedBatches);
            Assert.Equal(5, figures.FailedMessages);
            Assert.True(figures.MeanMessageMs <= figures.MeanBatchMs + 0.01, figures.ToString());
        }
        finally
        {
            kafka.SetBrokerUp(1);
            await props.Clean!(init);
        }
    }

    private static long EndOffsets(string bootstrap, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "batch-it-offsets" }).Build();
        return Enumerable.Range(0, partitions)
            .Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value);
    }

    private static System.Text.Json.JsonElement Json(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.Clone();
}
