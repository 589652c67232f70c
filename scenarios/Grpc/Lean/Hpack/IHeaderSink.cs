namespace LoadLeak.Scenarios.Grpc.Lean.Hpack;

/// <summary>Receives a header block's fields in order, as bytes that are valid only during the call.</summary>
internal interface IHeaderSink
{
    void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value);
}
