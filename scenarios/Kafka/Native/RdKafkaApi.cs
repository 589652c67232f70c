using System.Runtime.InteropServices;

namespace LoadLeak.Scenarios.Kafka.Native;

/// <summary>
/// LoadLeak's one binding to librdkafka: the exports the native producer and the embedded mock cluster
/// (<see cref="RdKafkaMockCluster"/>) call, bound as unmanaged function pointers (no marshalling stubs, no
/// delegates) from the file Confluent.Kafka ships next to the app (see <see cref="LibRdKafkaFile"/>), so every
/// caller in the process shares one copy of the library. Pure accessors are marked SuppressGCTransition: they
/// neither block nor call back.
/// </summary>
internal sealed unsafe class RdKafkaApi
{
    private static readonly Lazy<RdKafkaApi> Loaded = new(Load);

    public static RdKafkaApi Instance => Loaded.Value;

    public string LibraryPath { get; }

    public readonly delegate* unmanaged[Cdecl]<nint> ConfNew;
    public readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, nuint, int> ConfSet;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ConfDestroy;
    public readonly delegate* unmanaged[Cdecl]<int, nint, byte*, nuint, nint> New;
    public readonly delegate* unmanaged[Cdecl]<nint, void> Destroy;
    public readonly delegate* unmanaged[Cdecl]<nint, byte*, nint, nint> TopicNew;
    public readonly delegate* unmanaged[Cdecl]<nint, void> TopicDestroy;
    public readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int> MessageStatus;
    public readonly delegate* unmanaged[Cdecl]<nint, RdKafkaVu*, nuint, nint> Produceva;
    public readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int> ErrorCode;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ErrorDestroy;
    public readonly delegate* unmanaged[Cdecl]<nint, int, int> Flush;
    public readonly delegate* unmanaged[Cdecl]<int, byte*> Err2Name;
    public readonly delegate* unmanaged[Cdecl]<int, byte*> Err2Str;
    public readonly delegate* unmanaged[Cdecl]<nint, delegate* unmanaged[Cdecl]<nint, nint, nint, void>, void> ConfSetDrMsgCb;
    public readonly delegate* unmanaged[Cdecl]<nint, nint, void> ConfSetOpaque;
    public readonly delegate* unmanaged[Cdecl]<nint, int, int> Poll;
    public readonly delegate* unmanaged[Cdecl]<nint, int, nint> MockClusterNew;
    public readonly delegate* unmanaged[Cdecl]<nint, byte*> MockClusterBootstraps;
    public readonly delegate* unmanaged[Cdecl]<nint, void> MockClusterDestroy;
    public readonly delegate* unmanaged[Cdecl]<nint, int, int> MockBrokerSetDown;
    public readonly delegate* unmanaged[Cdecl]<nint, int, int> MockBrokerSetUp;
    public readonly delegate* unmanaged[Cdecl]<nint, byte*, int, int, int> MockTopicCreate;

    private RdKafkaApi(string path, nint library)
    {
        LibraryPath = path;
        nint Get(string name) => NativeLibrary.GetExport(library, name);
        ConfNew = (delegate* unmanaged[Cdecl]<nint>)Get("rd_kafka_conf_new");
        ConfSet = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, nuint, int>)Get("rd_kafka_conf_set");
        ConfDestroy = (delegate* unmanaged[Cdecl]<nint, void>)Get("rd_kafka_conf_destroy");
        New = (delegate* unmanaged[Cdecl]<int, nint, byte*, nuint, nint>)Get("rd_kafka_new");
        Destroy = (delegate* unmanaged[Cdecl]<nint, void>)Get("rd_kafka_destroy");
        TopicNew = (delegate* unmanaged[Cdecl]<nint, byte*, nint, nint>)Get("rd_kafka_topic_new");
        TopicDestroy = (delegate* unmanaged[Cdecl]<nint, void>)Get("rd_kafka_topic_destroy");
        MessageStatus = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int>)Get("rd_kafka_message_status");
        Produceva = (delegate* unmanaged[Cdecl]<nint, RdKafkaVu*, nuint, nint>)Get("rd_kafka_produceva");
        ErrorCode = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int>)Get("rd_kafka_error_code");
        ErrorDestroy = (delegate* unmanaged[Cdecl]<nint, void>)Get("rd_kafka_error_destroy");
        Flush = (delegate* unmanaged[Cdecl]<nint, int, int>)Get("rd_kafka_flush");
        Err2Name = (delegate* unmanaged[Cdecl]<int, byte*>)Get("rd_kafka_err2name");
        Err2Str = (delegate* unmanaged[Cdecl]<int, byte*>)Get("rd_kafka_err2str");
        ConfSetDrMsgCb =
            (delegate* unmanaged[Cdecl]<nint, delegate* unmanaged[Cdecl]<nint, nint, nint, void>, void>)Get("rd_kafka_conf_set_dr_msg_cb");
        ConfSetOpaque = (delegate* unmanaged[Cdecl]<nint, nint, void>)Get("rd_kafka_conf_set_opaque");
        Poll = (delegate* unmanaged[Cdecl]<nint, int, int>)Get("rd_kafka_poll");
        MockClusterNew = (delegate* unmanaged[Cdecl]<nint, int, nint>)Get("rd_kafka_mock_cluster_new");
        MockClusterBootstraps = (delegate* unmanaged[Cdecl]<nint, byte*>)Get("rd_kafka_mock_cluster_bootstraps");
        MockClusterDestroy = (delegate* unmanaged[Cdecl]<nint, void>)Get("rd_kafka_mock_cluster_destroy");
        MockBrokerSetDown = (delegate* unmanaged[Cdecl]<nint, int, int>)Get("rd_kafka_mock_broker_set_down");
        MockBrokerSetUp = (delegate* unmanaged[Cdecl]<nint, int, int>)Get("rd_kafka_mock_broker_set_up");
        MockTopicCreate = (delegate* unmanaged[Cdecl]<nint, byte*, int, int, int>)Get("rd_kafka_mock_topic_create");
    }

    public string ErrorName(int code) => Marshal.PtrToStringUTF8((nint)Err2Name(code))
        ?? code.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string ErrorReason(int code) => Marshal.PtrToStringUTF8((nint)Err2Str(code)) ?? "";

    private static RdKafkaApi Load()
    {
        var (path, handle) = LibRdKafkaFile.Load("the native Kafka producer and the embedded Kafka");
        return new RdKafkaApi(path, handle);
    }
}
