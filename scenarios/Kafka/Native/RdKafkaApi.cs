using System.Runtime.InteropServices;

namespace LoadLeak.Scenarios.Kafka.Native;

/// <summary>
/// The librdkafka exports the native producer calls, bound as unmanaged function pointers (no marshalling
/// stubs, no delegates) from the file Confluent.Kafka ships next to the app. The candidate paths repeat
/// the Runner's RdKafkaNative (the scenarios project cannot reference the Runner): on Debian 12 the plain
/// librdkafka.so needs the missing libsasl2.so.3, so centos8-librdkafka.so is the fallback.
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

    public static IEnumerable<string> CandidatePaths()
    {
        var native = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");
        yield return Path.Combine(native, "librdkafka.so");
        yield return Path.Combine(native, "centos8-librdkafka.so");
        yield return Path.Combine(AppContext.BaseDirectory, "librdkafka.so");
    }

    private static RdKafkaApi Load()
    {
        var failures = new List<string>();
        foreach (var path in CandidatePaths())
        {
            if (!File.Exists(path)) { failures.Add($"{path}: missing"); continue; }
            if (NativeLibrary.TryLoad(path, out var handle)) return new RdKafkaApi(path, handle);
            failures.Add($"{path}: could not be loaded (missing dependency?)");
        }
        throw new DllNotFoundException("librdkafka for the native Kafka producer: " + string.Join("; ", failures));
    }
}
