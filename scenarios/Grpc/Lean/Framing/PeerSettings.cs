using System.Buffers.Binary;

namespace LoadLeak.Scenarios.Grpc.Lean.Framing;

/// <summary>What the server's SETTINGS frames told us (RFC 9113 §6.5.2), starting from the protocol's defaults.</summary>
internal sealed class PeerSettings
{
    public const int DefaultWindowSize = 65_535;
    public const int MinFrameSize = 16_384;
    public const int MaxFrameSizeLimit = 16_777_215;

    /// <summary>Streams the server lets us have open at once; unlimited until it says otherwise.</summary>
    public int MaxConcurrentStreams { get; private set; } = int.MaxValue;

    public int InitialWindowSize { get; private set; } = DefaultWindowSize;
    public int MaxFrameSize { get; private set; } = MinFrameSize;

    /// <summary>
    /// Applies one SETTINGS frame's payload (not an ACK). Returns how much INITIAL_WINDOW_SIZE changed, which
    /// every open stream's send window moves by (§6.9.2).
    /// </summary>
    public int Apply(ReadOnlySpan<byte> payload)
    {
        if (payload.Length % 6 != 0)
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, $"SETTINGS payload of {payload.Length} bytes is not a multiple of 6");
        var before = InitialWindowSize;
        for (var offset = 0; offset < payload.Length; offset += 6)
        {
            var id = BinaryPrimitives.ReadUInt16BigEndian(payload[offset..]);
            var value = BinaryPrimitives.ReadUInt32BigEndian(payload[(offset + 2)..]);
            switch (id)
            {
                case 0x2 when value > 1:
                    throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"SETTINGS_ENABLE_PUSH {value} is neither 0 nor 1");
                case 0x2 when value == 1:
                    throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "a server sent SETTINGS_ENABLE_PUSH 1");
                case 0x3:
                    MaxConcurrentStreams = (int)Math.Min(value, int.MaxValue);
                    break;
                case 0x4 when value > int.MaxValue:
                    throw new Http2ConnectionException(Http2ErrorCode.FlowControlError, $"SETTINGS_INITIAL_WINDOW_SIZE {value} above 2^31-1");
                case 0x4:
                    InitialWindowSize = (int)value;
                    break;
                case 0x5 when value is < MinFrameSize or > MaxFrameSizeLimit:
                    throw new Http2ConnectionException(Http2ErrorCode.ProtocolError,
                        $"SETTINGS_MAX_FRAME_SIZE {value} outside [{MinFrameSize}, {MaxFrameSizeLimit}]");
                case 0x5:
                    MaxFrameSize = (int)value;
                    break;
                    // HEADER_TABLE_SIZE only bounds an encoder's dynamic table, and ours uses none; MAX_HEADER_LIST_SIZE
                    // is advisory; unknown settings must be ignored.
            }
        }
        return InitialWindowSize - before;
    }
}
