using System.Runtime.InteropServices;
using LoadLeak.Scenarios.Grpc.Lean.Hpack;

namespace LoadLeak.IntegrationTests.Scenarios;

/// <summary>
/// The lean gRPC client's Huffman table (RFC 7541 Appendix B, rebuilt from its code lengths) against an
/// implementation nobody here wrote: nghttp2's HPACK inflater (Debian's libnghttp2-14) decodes a value that
/// holds all 256 byte values, Huffman-coded with our table. One wrong code length shifts every later code of
/// the canonical table, so this checks each row, the ones the RFC's examples never reach included.
/// </summary>
public class HpackHuffmanPeerTests
{
    [RequiresNghttp2Fact]
    public void Nghttp2_decodes_every_symbol_coded_with_our_table_and_we_decode_it_back()
    {
        var symbols = Enumerable.Range(0, 256).Select(i => (byte)i).Concat("grpc-status"u8.ToArray()).ToArray();
        var coded = Encode(symbols);

        Assert.Equal(symbols, Nghttp2.InflateValue(coded));

        var decoded = new byte[coded.Length * 8 / 5 + 1];
        var written = HpackHuffman.Decode(coded, decoded);
        Assert.Equal(symbols, decoded[..written]);
    }

    /// <summary>Our encoder for the test: each symbol's code, MSB first, padded with the EOS prefix (1 bits).</summary>
    private static byte[] Encode(byte[] symbols)
    {
        var bytes = new List<byte>();
        ulong bits = 0;
        var pending = 0;
        foreach (var symbol in symbols)
        {
            var (code, length) = HpackHuffman.CodeOf(symbol);
            bits = bits << length | (uint)code;
            pending += length;
            while (pending >= 8) bytes.Add((byte)(bits >> (pending -= 8)));
        }
        if (pending > 0) bytes.Add((byte)(bits << (8 - pending) | (0xFFu >> pending)));
        return bytes.ToArray();
    }
}

/// <summary>libnghttp2's HPACK inflater through P/Invoke: one header block in, the first header's value out.</summary>
internal static partial class Nghttp2
{
    private const string Library = "libnghttp2.so.14";

    public static bool IsAvailable { get; } = NativeLibrary.TryLoad(Library, out _);

    [StructLayout(LayoutKind.Sequential)]
    private struct NameValue
    {
        public IntPtr Name, Value;
        public nuint NameLength, ValueLength;
        public byte Flags;
    }

    [LibraryImport(Library, EntryPoint = "nghttp2_hd_inflate_new")]
    private static partial int InflateNew(out IntPtr inflater);

    [LibraryImport(Library, EntryPoint = "nghttp2_hd_inflate_hd2")]
    private static partial nint InflateHeaderBlock(IntPtr inflater, out NameValue header, out int flags, byte[] input, nuint length, int final);

    [LibraryImport(Library, EntryPoint = "nghttp2_hd_inflate_del")]
    private static partial void InflateDelete(IntPtr inflater);

    /// <summary>Decodes a literal header field without indexing (name "x", value Huffman-coded).</summary>
    public static byte[] InflateValue(byte[] huffmanValue)
    {
        var block = new List<byte> { 0x00, 0x01, (byte)'x' };
        var prefix = new byte[8];
        block.AddRange(prefix[..HpackInteger.Write(prefix, huffmanValue.Length, 7, 0x80)]);
        block.AddRange(huffmanValue);

        Assert.Equal(0, InflateNew(out var inflater));
        try
        {
            var input = block.ToArray();
            var consumed = InflateHeaderBlock(inflater, out var header, out var flags, input, (nuint)input.Length, 1);
            Assert.True(consumed > 0, $"nghttp2 rejected the block: {consumed}");
            Assert.True((flags & 0x02) != 0, "nghttp2 emitted no header"); // NGHTTP2_HD_INFLATE_EMIT
            var value = new byte[(int)header.ValueLength];
            Marshal.Copy(header.Value, value, 0, value.Length);
            return value;
        }
        finally
        {
            InflateDelete(inflater);
        }
    }
}

/// <summary>A fact that needs libnghttp2: skipped without it locally, runs (and fails clearly) in CI.</summary>
public sealed class RequiresNghttp2FactAttribute : FactAttribute
{
    public RequiresNghttp2FactAttribute()
    {
        if (!Nghttp2.IsAvailable && !ExternalTools.IsCi)
            Skip = "libnghttp2.so.14 is not installed (apt-get install libnghttp2-14); required when CI=true";
    }
}
