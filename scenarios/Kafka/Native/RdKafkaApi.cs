using System.Runtime.InteropServices;

namespace LoadLeak.Scenarios.Kafka.Native;

/// <summary>
/// The librdkafka exports the native producer calls, bound as unmanaged function pointers (no marshalling
/// stubs, no delegates) from the file Confluent.Kafka ships next to the app (see <see cref="LibRdKafkaFile"/>).
/// Pure accessors are marked SuppressGCTransition: they neither block nor call back.
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
        ConfSetDrMsgCb = (delegate* unmanaged[Cdecl]<nint, delegate* unmanaged[Cdecl]<nint, nint, nint, void>, void>)Get("rd_kafka_conf_set_dr_msg_cb");
        ConfSetOpaque = (delegate* unmanaged[Cdecl]<nint, nint, void>)Get("rd_kafka_conf_set_opaque");
        Poll = (delegate* unmanaged[Cdecl]<nint, int, int>)Get("rd_kafka_poll");
    }

    public string ErrorName(int code) => Marshal.PtrToStringUTF8((nint)Err2Name(code)) ?? code.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string ErrorReason(int code) => Marshal.PtrToStringUTF8((nint)Err2Str(code)) ?? "";

    private static RdKafkaApi Load()
    {
        var (path, handle) = LibRdKafkaFile.Load("the native Kafka producer");
        return new RdKafkaApi(path, handle);
    }
}
