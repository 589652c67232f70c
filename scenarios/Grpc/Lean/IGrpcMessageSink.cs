namespace LoadLeak.Scenarios.Grpc.Lean;

/// <summary>Receives each whole gRPC message (without its 5-byte prefix); the bytes are valid only during the call.</summary>
internal interface IGrpcMessageSink
{
    void OnMessage(ReadOnlySpan<byte> message);
}
