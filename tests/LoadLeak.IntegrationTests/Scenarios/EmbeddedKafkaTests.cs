using Confluent.Kafka;
using LoadLeak.Kafka;

namespace LoadLeak.IntegrationTests.Scenarios;

public sealed class EmbeddedKafkaTests
{
    [Fact]
    public void Three_brokers_listen_on_loopback_and_fault_injection_validates_ids()
    {
        using var kafka = EmbeddedKafka.Start(brokers: 3);
        var brokers = kafka.BootstrapServers.Split(',');
        Assert.Equal(3, brokers.Length);
        Assert.All(brokers, b => Assert.Matches(@"^(127\.0\.0\.1|localhost):\d+$", b));
        Assert.Equal(3, kafka.BrokerCount);
        Assert.NotNull(EmbeddedKafka.NativeLibraryPath);

        kafka.SetBrokerDown(2);
        kafka.SetBrokerUp(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => kafka.SetBrokerDown(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => kafka.SetBrokerDown(0));
    }

    [Fact]
    public void Created_topic_has_its_partitions_for_a_real_client()
    {
        using var kafka = EmbeddedKafka.Start(brokers: 2);
        kafka.CreateTopic("six", partitions: 6, replicationFactor: 2);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        var metadata = admin.GetMetadata("six", TimeSpan.FromSeconds(10));
        var topic = Assert.Single(metadata.Topics);
        Assert.Equal(ErrorCode.NoError, topic.Error.Code);
        Assert.Equal(6, topic.Partitions.Count);
        Assert.Equal(2, metadata.Brokers.Count);
    }

    [Fact]
    public async Task Confluent_client_and_mock_cluster_share_one_librdkafka_file()
    {
        using var kafka = EmbeddedKafka.Start();
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        var report = await producer.ProduceAsync("shared-lib", new Message<Null, string> { Value = "x" });
        Assert.Equal(PersistenceStatus.Persisted, report.Status);

        var mapped = File.ReadLines("/proc/self/maps").Where(l => l.Contains("librdkafka"))
            .Select(l => l[(l.IndexOf('/'))..]).Distinct().ToList();
        Assert.Equal([EmbeddedKafka.NativeLibraryPath!], mapped);
    }

    [Fact]
    public void Dispose_is_idempotent_and_later_calls_say_disposed()
    {
        var kafka = EmbeddedKafka.Start();
        kafka.Dispose();
        kafka.Dispose();
        Assert.Throws<ObjectDisposedException>(() => kafka.SetBrokerDown(1));
    }

    [Fact]
    public void Broker_count_is_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EmbeddedKafka.Start(0));
    }
}
