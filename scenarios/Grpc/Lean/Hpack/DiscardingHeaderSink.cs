namespace LoadLeak.Scenarios.Grpc.Lean.Hpack;

/// <summary>Takes the headers of a stream the client already let go of: decoded for the table's sake, then dropped.</summary>
internal sealed class DiscardingHeaderSink : IHeaderSink
{
    public static readonly DiscardingHeaderSink Instance = new();

    public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) { }
}
