using System.Buffers.Binary;

namespace LoadLeak.Scenarios.Grpc.Lean.Framing;

/// <summary>The 9 bytes before every HTTP/2 frame's payload: 24-bit length, type, flags, 31-bit stream id (RFC 9113 §4.1).</summary>
internal readonly record struct FrameHeader(int Length, FrameType Type, byte Flags, int StreamId)
{
    public const int Size = 9;

    public bool Has(byte flag) => (Flags & flag) != 0;

    public static FrameHeader Read(ReadOnlySpan<byte> source) => new(
        source[0] << 16 | source[1] << 8 | source[2],
        (FrameType)source[3],
        source[4],
        (int)(BinaryPrimitives.ReadUInt32BigEndian(source[5..]) & 0x7fff_ffff)); // the reserved bit is ignored

    public void Write(Span<byte> destination) => Write(destination, Length, Type, Flags, StreamId);

    public static void Write(Span<byte> destination, int length, FrameType type, byte flags, int streamId)
    {
        destination[0] = (byte)(length >> 16);
        destination[1] = (byte)(length >> 8);
        destination[2] = (byte)length;
        destination[3] = (byte)type;
        destination[4] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(destination[5..], (uint)streamId);
    }
}
