namespace LoadLeak.Scenarios.Grpc.Lean.Framing;

/// <summary>A connection error (RFC 9113 §5.4.1): the peer broke the protocol, the connection sends GOAWAY and closes.</summary>
internal sealed class Http2ConnectionException(Http2ErrorCode code, string message) : Exception(message)
{
    public Http2ErrorCode Code { get; } = code;
}
