using System.Runtime.InteropServices;
using System.Text;
using LoadLeak.Scenarios.Kafka.Native;

namespace LoadLeak.Kafka;

/// <summary>
/// The librdkafka exports the mock cluster needs, bound from the very file Confluent.Kafka loads
/// (<see cref="LibRdKafkaFile"/>). Exports are bound through
/// NativeLibrary.GetExport rather than an assembly-wide DllImport resolver, so this class does not claim
/// the one resolver slot of the loadleak assembly.
/// </summary>
internal static class RdKafkaNative
{
    private const int RdKafkaProducer = 0;
    private static readonly Lazy<Exports> Loaded = new(Load);

    public static Exports Api => Loaded.Value;

    public static string? LoadedPath { get; private set; }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate IntPtr ConfNew();
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int ConfSet(IntPtr conf, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, byte[] errstr, UIntPtr errstrSize);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate IntPtr KafkaNew(int type, IntPtr conf, byte[] errstr, UIntPtr errstrSize);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void KafkaDestroy(IntPtr rk);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate IntPtr MockClusterNew(IntPtr rk, int brokerCount);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate IntPtr MockClusterBootstraps(IntPtr cluster);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void MockClusterDestroy(IntPtr cluster);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int MockBrokerSet(IntPtr cluster, int brokerId);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int MockTopicCreate(IntPtr cluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partitions, int replicationFactor);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate IntPtr ErrToStr(int error);

    internal sealed record Exports(
        ConfNew ConfNew, ConfSet ConfSet, KafkaNew KafkaNew, KafkaDestroy KafkaDestroy,
        MockClusterNew MockClusterNew, MockClusterBootstraps MockClusterBootstraps, MockClusterDestroy MockClusterDestroy,
        MockBrokerSet BrokerSetDown, MockBrokerSet BrokerSetUp, MockTopicCreate TopicCreate, ErrToStr ErrToStr);

    /// <summary>Creates the producer handle the mock cluster lives in; quiet so broker-down tests do not spam stderr.</summary>
    public static IntPtr NewProducerHandle()
    {
        var api = Api;
        var conf = api.ConfNew();
        var error = new byte[512];
        if (api.ConfSet(conf, "log_level", "0", error, (UIntPtr)error.Length) != 0)
            throw new InvalidOperationException("rd_kafka_conf_set(log_level) failed: " + Text(error));
        var rk = api.KafkaNew(RdKafkaProducer, conf, error, (UIntPtr)error.Length);
        return rk != IntPtr.Zero ? rk : throw new InvalidOperationException("rd_kafka_new failed: " + Text(error));
    }

    public static string ErrorName(int code) => Marshal.PtrToStringUTF8(Api.ErrToStr(code)) ?? code.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Exports Load()
    {
        var (path, handle) = LibRdKafkaFile.Load("the embedded Kafka");
        LoadedPath = path;
        return Bind(handle);
    }

    private static Exports Bind(IntPtr library)
    {
        T Get<T>(string name) where T : Delegate => Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(library, name));
        return new Exports(
            Get<ConfNew>("rd_kafka_conf_new"), Get<ConfSet>("rd_kafka_conf_set"),
            Get<KafkaNew>("rd_kafka_new"), Get<KafkaDestroy>("rd_kafka_destroy"),
            Get<MockClusterNew>("rd_kafka_mock_cluster_new"), Get<MockClusterBootstraps>("rd_kafka_mock_cluster_bootstraps"),
            Get<MockClusterDestroy>("rd_kafka_mock_cluster_destroy"),
            Get<MockBrokerSet>("rd_kafka_mock_broker_set_down"), Get<MockBrokerSet>("rd_kafka_mock_broker_set_up"),
            Get<MockTopicCreate>("rd_kafka_mock_topic_create"), Get<ErrToStr>("rd_kafka_err2str"));
    }

    private static string Text(byte[] buffer)
    {
        var end = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
    }
}
