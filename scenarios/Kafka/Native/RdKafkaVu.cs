using System.Runtime.InteropServices;

namespace LoadLeak.Scenarios.Kafka.Native;

/// <summary>
/// librdkafka's <c>rd_kafka_vu_t</c> (rdkafka.h): a vtype enum, then a union padded to 64 bytes, 72 bytes
/// on x64 (checked against the header with gcc; a unit test pins the offsets used here).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 72)]
internal unsafe struct RdKafkaVu
{
    public const int TypeRkt = 2, TypePartition = 3, TypeValue = 4, TypeOpaque = 6, TypeHeader = 9;
    public const int PartitionAny = -1;

    [FieldOffset(0)] public int Type;
    /// <summary>u.rkt, u.ptr, u.mem.ptr, u.header.name; u.i32 shares its first 4 bytes.</summary>
    [FieldOffset(8)] public nint First;
    [FieldOffset(8)] public int Int32;
    /// <summary>u.mem.size, u.header.val.</summary>
    [FieldOffset(16)] public nint Second;
    /// <summary>u.header.size.</summary>
    [FieldOffset(24)] public nint Third;

    public static RdKafkaVu Topic(nint rkt) => new() { Type = TypeRkt, First = rkt };
    public static RdKafkaVu Partition(int partition) => new() { Type = TypePartition, Int32 = partition };
    public static RdKafkaVu Value(byte* value, int length) => new() { Type = TypeValue, First = (nint)value, Second = length };
    public static RdKafkaVu Header(byte* nullTerminatedName, byte* value, int length) =>
        new() { Type = TypeHeader, First = (nint)nullTerminatedName, Second = (nint)value, Third = length };
    public static RdKafkaVu Opaque(nint opaque) => new() { Type = TypeOpaque, First = opaque };
}
