using System.Diagnostics;
using Confluent.Kafka;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Simulations;
using LoadLeak.Kafka;
using LoadLeak.Scenarios;
using LoadLeak.Scenarios.Settings;
using Xunit.Abstractions;

namespace LoadLeak.IntegrationTests.Scenarios;

/// <summary>
/// <c>Producer: "native"</c> (librdkafka called directly) against the embedded broker: what it counts as ok is
/// on the topic, its messages are byte for byte the Confluent producer's, and failures carry the same names.
/// </summary>
public sealed class KafkaNativeProducerTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    public async Task Ok_messages_are_on_the_topic_and_identical_to_the_confluent_producers(int batch)
    {
        using var kafka = EmbeddedKafka.Start(brokers: 1);
        kafka.CreateTopic("native-it", partitions: 2);
        kafka.CreateTopic("confluent-it", partitions: 1);
        var env = new ScenarioEnvironment(new Dictionary<string, string>(), kafka.BootstrapServers);
        var log = new CollectingLog();
        var props = ScenarioCatalog.Create("kafka", Json($$"""{"Producer":"native","Topic":"native-it","BatchSize":{{batch}},"LingerMs":1,"BenchmarkId":"it-native"}"""), env)
            .WithLoadSimulations(new KeepConstant(4, TimeSpan.FromSeconds(2)));

        var result = await LoadEngine.RunAsync(new EngineSettings([props], TimeSpan.FromSeconds(1), false) { Log = log },
            new RunClock(), NullEngineObserver.Instance, CancellationToken.None);

        var stats = Assert.Single(result.Scenarios);
        output.WriteLine($"B={batch}: ok {stats.Ok}, fail {stats.Fail}; " + string.Join("; ", log.Lines));
        Assert.Equal(0, stats.Fail);
        Assert.True(stats.Ok >= batch, $"only {stats.Ok} messages in 2 s");
        Assert.Equal(0, stats.Ok % batch);
        Assert.Equal(stats.Ok, stats.StatusCodes["Persisted"]);
        Assert.Equal(stats.Ok, EndOffsets(kafka.BootstrapServers, "native-it", partitions: 2));
        Assert.True(stats.Latency.P50 > 0);
        if (batch > 1) Assert.Contains(log.Lines, l => l.StartsWith($"info: Kafka batch mode ({batch} messages per iteration)", StringComparison.Ordinal) && l.Contains("0 failed batches"));

        var confluent = ScenarioCatalog.Create("kafka", Json("""{"Producer":"confluent","Topic":"confluent-it","LingerMs":1,"BenchmarkId":"it-native"}"""), env);
        Assert.All(await ScenarioDriver.RunAsync(confluent, iterations: 1), r => Assert.True(r.IsOk, r.StatusCode));
        var (nativeValue, nativeHeaders) = FirstMessage(kafka.BootstrapServers, "native-it");
        var (confluentValue, confluentHeaders) = FirstMessage(kafka.BootstrapServers, "confluent-it");
        Assert.Equal("""{"op":"query","payload":"a1b2c3"}""", System.Text.Encoding.UTF8.GetString(nativeValue));
        Assert.Equal(confluentValue, nativeValue);
        Assert.Equal(confluentHeaders, nativeHeaders);
        Assert.Equal([("X-Benchmark-ID", "it-native")], nativeHeaders);
    }

    [Theory]
    [InlineData(1, "")]
    [InlineData(5, " (one failed message fails its batch of 5)")]
    public async Task A_down_broker_fails_sends_with_the_kafka_error_and_they_recover_when_it_is_up(int batch, string suffix)
    {
        using var kafka = EmbeddedKafka.Start(brokers: 1);
        var props = Scenario(kafka, $$"""{"Producer":"native","Topic":"native-down","BatchSize":{{batch}},"MessageTimeoutMs":1500,"LingerMs":0}""");
        var init = new TestInitContext("kafka", props.CustomSettings, new CollectingLog());
        await props.Init!(init);
        try
        {
            var first = await ScenarioDriver.RunOnceAsync(props);
            Assert.True(first.IsOk, $"{first.StatusCode} {first.Message}");
            Assert.Equal(("Persisted", batch), (first.StatusCode, first.Count));

            kafka.SetBrokerDown(1);
            var waited = Stopwatch.StartNew();
            var down = await ScenarioDriver.RunOnceAsync(props);
            Assert.False(down.IsOk);
            Assert.Equal(("Local_MsgTimedOut", batch), (down.StatusCode, down.Count)); // the name Confluent's producer reports
            Assert.Equal("Local: Message timed out" + suffix, down.Message);
            // A batch's response carries its latency; a single message's is the engine's measure of the call.
            Assert.InRange(down.CustomLatencyMs ?? waited.Elapsed.TotalMilliseconds, 1000, 15_000);
            Assert.Equal(batch == 1, down.CustomLatencyMs is null);

            kafka.SetBrokerUp(1);
            var up = await ScenarioDriver.RunUntilOkAsync(props, TimeSpan.FromSeconds(12));
            Assert.True(up.IsOk, $"still failing after the broker came back: {up.StatusCode} {up.Message}");
        }
        finally
        {
            await props.Clean!(init);
        }
    }

    [Fact]
    public async Task A_full_queue_refuses_at_send_time_and_a_stopped_run_neither_hangs_the_wait_nor_clean()
    {
        using var kafka = EmbeddedKafka.Start(brokers: 1);
        kafka.SetBrokerDown(1);
        // 100 000 messages fill librdkafka's queue while the broker is down; nothing is delivered for 30 s.
        var props = Scenario(kafka, """{"Producer":"native","Topic":"native-full","BatchSize":100000,"MessageTimeoutMs":30000,"LingerMs":0}""");
        var init = new TestInitContext("kafka", props.CustomSettings, new CollectingLog());
        await props.Init!(init);
        var watch = Stopwatch.StartNew();
        try
        {
            using var stop = new CancellationTokenSource();
            var filling = props.Run(new TestStepContext("kafka", 1, new CollectingLog(), stop.Token));
            var refused = await ScenarioDriver.RunOnceAsync(props);
            Assert.False(refused.IsOk);
            Assert.Equal(("Local_QueueFull", 100_000), (refused.StatusCode, refused.Count));
            Assert.StartsWith("Local: Queue full", refused.Message);

            stop.CancelAfter(200);
            var cancelled = await filling.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(("cancelled", 100_000), (cancelled.StatusCode, cancelled.Count));
        }
        finally
        {
            await props.Clean!(init).WaitAsync(TimeSpan.FromSeconds(20)); // flush gives up after 5 s, then the handle is destroyed
            output.WriteLine($"test took {watch.Elapsed.TotalSeconds:0.0} s");
        }
    }

    private static ScenarioProps Scenario(EmbeddedKafka kafka, string json)
    {
        var env = new ScenarioEnvironment(new Dictionary<string, string>(), kafka.BootstrapServers);
        return ScenarioCatalog.Create("kafka", Json(json), env);
    }

    private static (byte[] Value, (string, string)[] Headers) FirstMessage(string bootstrap, string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "native-it-" + topic,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(topic);
        var message = consumer.Consume(TimeSpan.FromSeconds(15)) ?? throw new TimeoutException($"no message on {topic}");
        return (message.Message.Value, message.Message.Headers.Select(h => (h.Key, System.Text.Encoding.UTF8.GetString(h.GetValueBytes()))).ToArray());
    }

    private static long EndOffsets(string bootstrap, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "native-it-offsets" }).Build();
        return Enumerable.Range(0, partitions)
            .Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value);
    }

    private static System.Text.Json.JsonElement Json(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.Clone();
}
