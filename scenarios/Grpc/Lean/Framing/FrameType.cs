namespace LoadLeak.Scenarios.Grpc.Lean.Framing;

/// <summary>RFC 9113 §6 frame types.</summary>
internal enum FrameType : byte
{
    Data = 0, Headers = 1, Priority = 2, RstStream = 3, Settings = 4, PushPromise = 5, Ping = 6, GoAway = 7, WindowUpdate = 8, Continuation = 9,
}

/// <summary>RFC 9113 §6 frame flags (their meaning depends on the frame type).</summary>
internal static class FrameFlags
{
    public const byte EndStream = 0x1, Ack = 0x1, EndHeaders = 0x4, Padded = 0x8, Priority = 0x20;
}
