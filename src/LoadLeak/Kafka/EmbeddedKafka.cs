using LoadLeak.Scenarios.Kafka.Native;

namespace LoadLeak.Kafka;

/// <summary>
/// A real Kafka-protocol cluster inside this process: librdkafka's mock cluster, listening on loopback
/// ports, with broker fault injection. Any Kafka client (Confluent.Kafka, kcat) can produce to and consume
/// from it. Topics are auto-created on first use; <see cref="CreateTopic"/> pins partitions up front.
/// </summary>
public sealed class EmbeddedKafka : IDisposable
{
    private readonly object _gate = new();
    private readonly RdKafkaMockCluster _cluster;

    private EmbeddedKafka(RdKafkaMockCluster cluster, int brokers)
    {
        _cluster = cluster;
        BrokerCount = brokers;
        BootstrapServers = cluster.Bootstraps;
    }

    /// <summary>Comma-separated host:port list of the brokers, e.g. "127.0.0.1:39521".</summary>
    public string BootstrapServers { get; }

    /// <summary>Brokers are numbered 1..BrokerCount.</summary>
    public int BrokerCount { get; }

    /// <summary>The librdkafka file the mock cluster was loaded from.</summary>
    public static string? NativeLibraryPath => RdKafkaMockCluster.LibraryPath;

    public static EmbeddedKafka Start(int brokers = 1)
    {
        if (brokers is < 1 or > 32) throw new ArgumentOutOfRangeException(nameof(brokers), brokers, "brokers must be 1..32");
        return new EmbeddedKafka(new RdKafkaMockCluster(brokers), brokers);
    }

    public void CreateTopic(string topic, int partitions = 1, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        WithCluster(cluster => cluster.CreateTopic(topic, partitions, Math.Min(replicationFactor, BrokerCount)), $"create topic '{topic}'");
    }

    /// <summary>Takes a broker down: its connections drop and clients see it as unavailable.</summary>
    public void SetBrokerDown(int brokerId) =>
        WithCluster(cluster => cluster.SetBrokerDown(ValidBroker(brokerId)), $"set broker {brokerId} down");

    public void SetBrokerUp(int brokerId) =>
        WithCluster(cluster => cluster.SetBrokerUp(ValidBroker(brokerId)), $"set broker {brokerId} up");

    public void Dispose()
    {
        lock (_gate) _cluster.Dispose();
    }

    // Under the lock so a concurrent Dispose cannot free the cluster mid-call.
    private void WithCluster(Func<RdKafkaMockCluster, int> call, string what)
    {
        int error;
        lock (_gate) error = call(_cluster);
        if (error != 0) throw new InvalidOperationException($"embedded Kafka: {what} failed: {_cluster.ErrorReason(error)}");
    }

    private int ValidBroker(int brokerId) =>
        brokerId >= 1 && brokerId <= BrokerCount ? brokerId
            : throw new ArgumentOutOfRangeException(nameof(brokerId), brokerId, $"broker ids are 1..{BrokerCount}");
}
