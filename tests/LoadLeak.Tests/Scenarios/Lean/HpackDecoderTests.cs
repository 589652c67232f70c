using System.Text;
using LoadLeak.Scenarios.Grpc.Lean.Hpack;

namespace LoadLeak.Tests.Scenarios.Lean;

/// <summary>The lean gRPC client's HPACK decoder against RFC 7541 Appendix C.</summary>
public class HpackDecoderTests
{
    [Theory]
    [InlineData(10, 5, "0a")] // C.1.1
    [InlineData(1337, 5, "1f9a0a")] // C.1.2
    [InlineData(42, 8, "2a")] // C.1.3
    public void Integers_match_the_rfc_examples(int value, int prefix, string hex)
    {
        var encoded = new byte[8];
        var written = HpackInteger.Write(encoded, value, prefix, 0);
        Assert.Equal(hex, Convert.ToHexStringLower(encoded, 0, written));
        var position = 0;
        Assert.Equal(value, HpackInteger.Read(Convert.FromHexString(hex), ref position, prefix));
        Assert.Equal(written, position);
    }

    [Fact]
    public void Integers_round_trip_across_prefixes_and_sizes_and_a_cut_integer_is_an_error()
    {
        var buffer = new byte[8];
        foreach (var prefix in new[] { 4, 5, 6, 7, 8 })
            foreach (var value in new[] { 0, 1, 14, 15, 16, 126, 127, 128, 255, 4096, 65_535, 1 << 20, int.MaxValue })
            {
                var written = HpackInteger.Write(buffer, value, prefix, 0);
                var position = 0;
                Assert.Equal(value, HpackInteger.Read(buffer.AsSpan(0, written), ref position, prefix));
                if (written > 1)
                    Assert.Throws<HpackException>(() => { var p = 0; HpackInteger.Read(buffer.AsSpan(0, written - 1), ref p, prefix); });
            }
        Assert.Throws<HpackException>(() => { var p = 0; HpackInteger.Read(Convert.FromHexString("1fffffffff0f"), ref p, 5); });
    }

    [Fact]
    public void Literal_with_indexing_adds_to_the_dynamic_table() // C.2.1
    {
        var decoder = new HpackDecoder();
        Assert.Equal(["custom-key: custom-header"], Decode(decoder, "400a637573746f6d2d6b65790d637573746f6d2d686561646572"));
        Assert.Equal(55, decoder.Table.Size);
    }

    [Theory]
    [InlineData("040c2f73616d706c652f70617468", ":path: /sample/path")] // C.2.2 without indexing
    [InlineData("100870617373776f726406736563726574", "password: secret")] // C.2.3 never indexed
    [InlineData("82", ":method: GET")] // C.2.4 indexed
    public void Other_representations_leave_the_table_alone(string hex, string field)
    {
        var decoder = new HpackDecoder();
        Assert.Equal([field], Decode(decoder, hex));
        Assert.Equal(0, decoder.Table.Size);
    }

    [Fact]
    public void Request_sequence_without_huffman() // C.3
    {
        var decoder = new HpackDecoder();
        Assert.Equal([":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com"],
            Decode(decoder, "828684410f7777772e6578616d706c652e636f6d"));
        Assert.Equal(57, decoder.Table.Size);
        Assert.Equal([":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com", "cache-control: no-cache"],
            Decode(decoder, "828684be58086e6f2d6361636865"));
        Assert.Equal(110, decoder.Table.Size);
        Assert.Equal([":method: GET", ":scheme: https", ":path: /index.html", ":authority: www.example.com", "custom-key: custom-value"],
            Decode(decoder, "828785bf400a637573746f6d2d6b65790c637573746f6d2d76616c7565"));
        Assert.Equal(164, decoder.Table.Size);
        Assert.Equal(3, decoder.Table.Count);
        Assert.Equal("custom-key", Encoding.ASCII.GetString(decoder.Table.Get(1).Name));
    }

    [Fact]
    public void Response_sequence_evicts_the_oldest_entries() // C.5, a 256-byte table
    {
        var decoder = new HpackDecoder(256);
        Assert.Equal([":status: 302", "cache-control: private", "date: Mon, 21 Oct 2013 20:13:21 GMT", "location: https://www.example.com"],
            Decode(decoder, "4803333032580770726976617465611d" + Hex("Mon, 21 Oct 2013 20:13:21 GMT") + "6e17" + Hex("https://www.example.com")));
        Assert.Equal(222, decoder.Table.Size);
        Assert.Equal([":status: 307", "cache-control: private", "date: Mon, 21 Oct 2013 20:13:21 GMT", "location: https://www.example.com"],
            Decode(decoder, "4803333037c1c0bf"));
        Assert.Equal(222, decoder.Table.Size);
        const string cookie = "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1";
        Assert.Equal([":status: 200", "cache-control: private", "date: Mon, 21 Oct 2013 20:13:22 GMT", "location: https://www.example.com",
                "content-encoding: gzip", "set-cookie: " + cookie],
            Decode(decoder, "88c1611d" + Hex("Mon, 21 Oct 2013 20:13:22 GMT") + "c05a04" + Hex("gzip") + "7738" + Hex(cookie)));
        Assert.Equal(215, decoder.Table.Size);
        Assert.Equal(3, decoder.Table.Count);
        Assert.Equal("set-cookie", Encoding.ASCII.GetString(decoder.Table.Get(1).Name));
        Assert.Equal("date", Encoding.ASCII.GetString(decoder.Table.Get(3).Name));
    }

    [Fact]
    public void Size_updates_evict_and_must_stay_within_the_limit_and_come_first()
    {
        var decoder = new HpackDecoder();
        Decode(decoder, "400a637573746f6d2d6b65790d637573746f6d2d686561646572");
        Assert.Equal(1, decoder.Table.Count);
        Assert.Equal(["custom-key: custom-header"], Decode(decoder, "3f1a" + "be")); // size update to 57 keeps the 55-byte entry
        Assert.Equal(57, decoder.Table.MaxSize);
        Assert.Empty(Decode(decoder, "20")); // size update to 0 empties the table
        Assert.Equal(0, decoder.Table.Count);
        Assert.Throws<HpackException>(() => Decode(decoder, "be")); // index 62 no longer exists
        Assert.Throws<HpackException>(() => Decode(new HpackDecoder(), "3fe21f")); // 4097 > 4096 allowed
        Assert.Throws<HpackException>(() => Decode(new HpackDecoder(), "8220")); // after a field
    }

    [Fact]
    public void An_entry_larger_than_the_table_empties_it()
    {
        var decoder = new HpackDecoder(64);
        Decode(decoder, "4001610162"); // a: b, 34 bytes
        Assert.Equal(1, decoder.Table.Count);
        Decode(decoder, "40016120" + Hex(new string('x', 32))); // 65 bytes > 64
        Assert.Equal(0, decoder.Table.Count);
        Assert.Equal(0, decoder.Table.Size);
    }

    [Theory]
    [InlineData("80")] // index 0
    [InlineData("c0")] // index 64, empty dynamic table
    [InlineData("4005616263")] // string runs past the block
    [InlineData("00016184ffffffff")] // Huffman string containing EOS
    [InlineData("000161821fff")] // Huffman padding of 11 bits
    [InlineData("0001618118")] // Huffman padding of zeros
    public void Malformed_or_unsupported_blocks_are_compression_errors(string hex) =>
        Assert.Throws<HpackException>(() => Decode(new HpackDecoder(), hex));

    [Fact]
    public void The_request_header_block_decodes_to_the_grpc_request_headers()
    {
        var block = RequestHeaderBlock.Build("127.0.0.1:5081", "/loadleak.benchmark.Benchmark/Query", "10000m", "run-1");
        Assert.Equal([":method: POST", ":scheme: http", ":path: /loadleak.benchmark.Benchmark/Query", ":authority: 127.0.0.1:5081",
                "content-type: application/grpc", "te: trailers", "grpc-timeout: 10000m", "x-benchmark-id: run-1", "user-agent: "
                    + RequestHeaderBlock.UserAgent],
            Decode(new HpackDecoder(), Convert.ToHexString(block)));
    }

    [Fact]
    public void Request_sequence_with_huffman() // C.4
    {
        var decoder = new HpackDecoder();
        Assert.Equal([":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com"],
            Decode(decoder, "828684418cf1e3c2e5f23a6ba0ab90f4ff"));
        Assert.Equal([":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com", "cache-control: no-cache"],
            Decode(decoder, "828684be5886a8eb10649cbf"));
        Assert.Equal([":method: GET", ":scheme: https", ":path: /index.html", ":authority: www.example.com", "custom-key: custom-value"],
            Decode(decoder, "828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf"));
        Assert.Equal(164, decoder.Table.Size);
    }

    [Fact]
    public void Response_sequence_with_huffman() // C.6, a 256-byte table
    {
        var decoder = new HpackDecoder(256);
        Assert.Equal([":status: 302", "cache-control: private", "date: Mon, 21 Oct 2013 20:13:21 GMT", "location: https://www.example.com"],
            Decode(decoder, "488264025885aec3771a4b6196d07abe941054d444a8200595040b8166e082a62d1bff6e919d29ad171863c78f0b97c8e9ae82ae43d3"));
        Assert.Equal(222, decoder.Table.Size);
        Assert.Equal([":status: 307", "cache-control: private", "date: Mon, 21 Oct 2013 20:13:21 GMT", "location: https://www.example.com"],
            Decode(decoder, "4883640effc1c0bf"));
        Assert.Equal([":status: 200", "cache-control: private", "date: Mon, 21 Oct 2013 20:13:22 GMT", "location: https://www.example.com",
                "content-encoding: gzip", "set-cookie: foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1"],
            Decode(decoder, "88c16196d07abe941054d444a8200595040b8166e084a62d1bffc05a839bd9ab77ad94e7821dd7f2e6c7b335dfdfcd5b3960d5af27" +
                "087f3672c1ab270fb5291f9587316065c003ed4ee5b1063d5007"));
        Assert.Equal(215, decoder.Table.Size);
    }

    [Theory]
    [InlineData(0, 0x1ff8, 13)] // rows of RFC 7541 Appendix B
    [InlineData(1, 0x7fffd8, 23)]
    [InlineData(9, 0xffffea, 24)]
    [InlineData(10, 0x3ffffffc, 30)]
    [InlineData(22, 0x3ffffffe, 30)]
    [InlineData(26, 0xffffff6, 28)]
    [InlineData('0', 0x0, 5)]
    [InlineData('a', 0x3, 5)]
    [InlineData(' ', 0x14, 6)]
    [InlineData(256, 0x3fffffff, 30)] // EOS
    public void Huffman_codes_rebuilt_from_the_lengths_match_the_rfc_table(int symbol, int code, int length) =>
        Assert.Equal((code, length), HpackHuffman.CodeOf(symbol));

    [Fact]
    public void Huffman_single_symbol_with_padding() =>
        Assert.Equal(["a: a"], Decode(new HpackDecoder(), "000161811f"));

    private static string Hex(string text) => Convert.ToHexString(Encoding.ASCII.GetBytes(text));

    private static List<string> Decode(HpackDecoder decoder, string hex)
    {
        var sink = new ListSink();
        decoder.Decode(Convert.FromHexString(hex), sink);
        return sink.Fields;
    }

    private sealed class ListSink : IHeaderSink
    {
        public List<string> Fields { get; } = [];
        public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) =>
            Fields.Add(Encoding.ASCII.GetString(name) + ": " + Encoding.ASCII.GetString(value));
    }
}
