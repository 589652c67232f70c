using System.Runtime.InteropServices;

namespace LoadLeak.Kafka;

/// <summary>
/// A real Kafka-protocol cluster inside this process: librdkafka's mock cluster, listening on loopback
/// ports, with broker fault injection. Any Kafka client (Confluent.Kafka, kcat) can produce to and consume
/// from it. Topics are auto-created on first use; <see cref="CreateTopic"/> pins partitions up front.
/// </summary>
public sealed class EmbeddedKafka : IDisposable
{
    private readonly object _gate = new();
    private IntPtr _rk;
    private IntPtr _cluster;

    private EmbeddedKafka(IntPtr rk, IntPtr cluster, int brokers, string bootstrapServers)
    {
        _rk = rk;
        _cluster = cluster;
        BrokerCount = brokers;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>Comma-separated host:port list of the brokers, e.g. "127.0.0.1:39521".</summary>
    public string BootstrapServers { get; }

    /// <summary>Brokers are numbered 1..BrokerCount.</summary>
    public int BrokerCount { get; }

    /// <summary>The librdkafka file the mock cluster was loaded from.</summary>
    public static string? NativeLibraryPath => RdKafkaNative.LoadedPath;

    public static EmbeddedKafka Start(int brokers = 1)
    {
        if (brokers is < 1 or > 32) throw new ArgumentOutOfRangeException(nameof(brokers), brokers, "brokers must be 1..32");
        var api = RdKafkaNative.Api;
        var rk = RdKafkaNative.NewProducerHandle();
        var cluster = api.MockClusterNew(rk, brokers);
        if (cluster == IntPtr.Zero)
        {
            api.KafkaDestroy(rk);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed");
        }
        var bootstrap = Marshal.PtrToStringUTF8(api.MockClusterBootstraps(cluster)) ?? "";
        return new EmbeddedKafka(rk, cluster, brokers, bootstrap);
    }

    public void CreateTopic(string topic, int partitions = 1, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        WithCluster(cluster => RdKafkaNative.Api.TopicCreate(cluster, topic, partitions, Math.Min(replicationFactor, BrokerCount)), $"create topic '{topic}'");
    }

    /// <summary>Takes a broker down: its connections drop and clients see it as unavailable.</summary>
    public void SetBrokerDown(int brokerId) =>
        WithCluster(cluster => RdKafkaNative.Api.BrokerSetDown(cluster, ValidBroker(brokerId)), $"set broker {brokerId} down");

    public void SetBrokerUp(int brokerId) =>
        WithCluster(cluster => RdKafkaNative.Api.BrokerSetUp(cluster, ValidBroker(brokerId)), $"set broker {brokerId} up");

    public void Dispose()
    {
        lock (_gate)
        {
            if (_cluster != IntPtr.Zero) RdKafkaNative.Api.MockClusterDestroy(_cluster);
            if (_rk != IntPtr.Zero) RdKafkaNative.Api.KafkaDestroy(_rk);
            _cluster = IntPtr.Zero;
            _rk = IntPtr.Zero;
        }
    }

    // Under the lock so a concurrent Dispose cannot free the cluster mid-call.
    private void WithCluster(Func<IntPtr, int> call, string what)
    {
        int error;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            error = call(_cluster);
        }
        if (error != 0) throw new InvalidOperationException($"embedded Kafka: {what} failed: {RdKafkaNative.ErrorName(error)}");
    }

    private int ValidBroker(int brokerId) =>
        brokerId >= 1 && brokerId <= BrokerCount ? brokerId
            : throw new ArgumentOutOfRangeException(nameof(brokerId), brokerId, $"broker ids are 1..{BrokerCount}");
}
