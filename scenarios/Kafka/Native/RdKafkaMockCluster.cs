using System.Runtime.InteropServices;
using System.Text;

namespace LoadLeak.Scenarios.Kafka.Native;

/// <summary>
/// librdkafka's mock cluster through <see cref="RdKafkaApi"/>: the producer handle it lives in and the cluster,
/// owned and destroyed together. Calls return librdkafka's error code (0: none) and are not thread-safe: the
/// owner serialises them with <see cref="Dispose"/>. The runner's embedded Kafka is built on it.
/// </summary>
public sealed unsafe class RdKafkaMockCluster : IDisposable
{
    private const int ProducerType = 0;
    private readonly RdKafkaApi _api = RdKafkaApi.Instance;
    private nint _rk;
    private nint _cluster;

    public RdKafkaMockCluster(int brokers)
    {
        _rk = NewQuietProducer();
        _cluster = _api.MockClusterNew(_rk, brokers);
        if (_cluster == 0)
        {
            _api.Destroy(_rk);
            _rk = 0;
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed");
        }
        Bootstraps = Marshal.PtrToStringUTF8((nint)_api.MockClusterBootstraps(_cluster)) ?? "";
    }

    /// <summary>The librdkafka file the binding was loaded from (the one Confluent.Kafka loads too).</summary>
    public static string LibraryPath => RdKafkaApi.Instance.LibraryPath;

    /// <summary>Comma-separated host:port list of the brokers.</summary>
    public string Bootstraps { get; }

    public int CreateTopic(string topic, int partitions, int replicationFactor)
    {
        fixed (byte* name = Encoding.UTF8.GetBytes(topic + "\0"))
            return _api.MockTopicCreate(Live(), name, partitions, replicationFactor);
    }

    public int SetBrokerDown(int brokerId) => _api.MockBrokerSetDown(Live(), brokerId);

    public int SetBrokerUp(int brokerId) => _api.MockBrokerSetUp(Live(), brokerId);

    public string ErrorReason(int code) => _api.ErrorReason(code);

    public void Dispose()
    {
        if (_cluster != 0) _api.MockClusterDestroy(_cluster);
        if (_rk != 0) _api.Destroy(_rk);
        _cluster = 0;
        _rk = 0;
    }

    // A destroyed cluster's pointer must never reach librdkafka.
    private nint Live() => _cluster != 0 ? _cluster : throw new ObjectDisposedException(nameof(RdKafkaMockCluster));

    /// <summary>The producer handle the mock cluster lives in; quiet so broker-down tests do not spam stderr.</summary>
    private nint NewQuietProducer()
    {
        var conf = _api.ConfNew();
        var error = stackalloc byte[512];
        fixed (byte* name = "log_level\0"u8)
        fixed (byte* value = "0\0"u8)
        {
            if (_api.ConfSet(conf, name, value, error, 512) != 0)
            {
                _api.ConfDestroy(conf);
                throw new InvalidOperationException("rd_kafka_conf_set(log_level) failed: " + Marshal.PtrToStringUTF8((nint)error));
            }
        }
        var rk = _api.New(ProducerType, conf, error, 512);
        if (rk != 0) return rk; // rd_kafka_new owns conf from here
        _api.ConfDestroy(conf);
        throw new InvalidOperationException("rd_kafka_new failed: " + Marshal.PtrToStringUTF8((nint)error));
    }
}
