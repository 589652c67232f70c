namespace LoadLeak.Scenarios.Grpc.Lean.Hpack;

/// <summary>RFC 7541 §5.2 / Appendix B Huffman-coded string literals.</summary>
internal static class HpackHuffman
{
    public static int Decode(ReadOnlySpan<byte> source, Span<byte> destination) =>
        throw new HpackException("lean client: Huffman-coded header not supported; use Client grpc-net");
}
