using System.Text;

namespace LoadLeak.Scenarios.Grpc.Lean.Hpack;

/// <summary>
/// Encodes the lean client's request headers once, as every call sends the same ones: static-table indices where
/// HPACK has the whole field, otherwise literals without indexing (no dynamic table, so no state to keep in step
/// with the server and the block is the same on every stream) and without Huffman coding.
/// </summary>
internal static class RequestHeaderBlock
{
    public const string UserAgent = "grpc-loadleak-lean/1.0";

    public static byte[] Build(string authority, string path, string grpcTimeout, string benchmarkId)
    {
        var block = new List<byte>(128)
        {
            (byte)(0x80 | HpackStaticTable.MethodPost),
            (byte)(0x80 | HpackStaticTable.SchemeHttp),
        };
        Literal(block, HpackStaticTable.Path, path);
        Literal(block, HpackStaticTable.Authority, authority);
        Literal(block, HpackStaticTable.ContentType, "application/grpc");
        Literal(block, "te", "trailers");
        Literal(block, "grpc-timeout", grpcTimeout);
        Literal(block, "x-benchmark-id", benchmarkId);
        Literal(block, HpackStaticTable.UserAgent, UserAgent);
        return [.. block];
    }

    /// <summary>Literal without indexing, name from the static table (§6.2.2, 4-bit index prefix).</summary>
    private static void Literal(List<byte> block, int nameIndex, string value)
    {
        Integer(block, nameIndex, 4, 0x00);
        String(block, value);
    }

    /// <summary>Literal without indexing, new name (§6.2.2, index 0).</summary>
    private static void Literal(List<byte> block, string name, string value)
    {
        block.Add(0x00);
        String(block, name);
        String(block, value);
    }

    private static void String(List<byte> block, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        Integer(block, bytes.Length, 7, 0x00); // H = 0: not Huffman-coded
        block.AddRange(bytes);
    }

    private static void Integer(List<byte> block, int value, int prefixBits, byte flags)
    {
        Span<byte> encoded = stackalloc byte[6];
        block.AddRange(encoded[..HpackInteger.Write(encoded, value, prefixBits, flags)]);
    }
}
