using System.Runtime.InteropServices;

namespace LoadLeak.Scenarios.Kafka.Native;

/// <summary>
/// The two fields of librdkafka's public <c>rd_kafka_message_t</c> a delivery report needs: <c>err</c> and
/// <c>_private</c> (the producer's msg_opaque). 72 bytes on x64, checked against rdkafka.h with gcc.
/// Read in place through the pointer librdkafka passes its dr_msg_cb, never copied.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 72)]
internal struct RdKafkaMessage
{
    [FieldOffset(0)] public int Error;
    [FieldOffset(64)] public nint Opaque;
}
