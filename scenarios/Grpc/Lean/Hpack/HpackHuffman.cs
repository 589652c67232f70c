namespace LoadLeak.Scenarios.Grpc.Lean.Hpack;

/// <summary>
/// RFC 7541 §5.2 Huffman-coded string literals, decoded with the code of Appendix B. That code is canonical: within
/// one length, codes count up in symbol order, and each length starts right after the shorter ones. So the table is
/// fully given by the "len" column, kept here (symbols 0–255, then EOS), and the codes are rebuilt from it.
/// </summary>
internal static class HpackHuffman
{
    private const int MaxLength = 30;
    private const int EndOfString = 256;

    // RFC 7541 Appendix B, bit length of each symbol's code.
    private static readonly byte[] CodeLengths =
    [
        13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28, // 0–15
        28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28, // 16–31
        6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6, // 32–47
        5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10, // 48–63
        13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, // 64–79
        7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6, // 80–95
        15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5, // 96–111
        6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28, // 112–127
        20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23, // 128–143
        24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24, // 144–159
        22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23, // 160–175
        21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23, // 176–191
        26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25, // 192–207
        19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27, // 208–223
        20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23, // 224–239
        26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26, // 240–255
        30, // 256–256
    ];

    private static readonly int[] FirstCode = new int[MaxLength + 1];
    private static readonly int[] Count = new int[MaxLength + 1];
    private static readonly int[] FirstIndex = new int[MaxLength + 1];
    private static readonly int[] SymbolsByCode;

    static HpackHuffman()
    {
        SymbolsByCode = Enumerable.Range(0, CodeLengths.Length).OrderBy(symbol => CodeLengths[symbol]).ThenBy(symbol => symbol).ToArray();
        int code = 0, previousLength = 0;
        for (var i = 0; i < SymbolsByCode.Length; i++)
        {
            var length = CodeLengths[SymbolsByCode[i]];
            if (i > 0) code = (code + 1) << (length - previousLength);
            if (Count[length]++ == 0)
            {
                FirstCode[length] = code;
                FirstIndex[length] = i;
            }
            previousLength = length;
        }
    }

    /// <summary>The code and its bit length for one symbol (0–255, or 256 for EOS); for tests.</summary>
    public static (int Code, int Length) CodeOf(int symbol)
    {
        var length = CodeLengths[symbol];
        var rank = Array.IndexOf(SymbolsByCode, symbol) - FirstIndex[length];
        return (FirstCode[length] + rank, length);
    }

    /// <summary>Decodes into <paramref name="destination"/> (room for 8/5 of the input) and returns the bytes written.</summary>
    public static int Decode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int written = 0, code = 0, length = 0;
        foreach (var octet in source)
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                code = code << 1 | (octet >> bit & 1);
                length++;
                var rank = code - FirstCode[length];
                if (Count[length] > 0 && rank >= 0 && rank < Count[length])
                {
                    var symbol = SymbolsByCode[FirstIndex[length] + rank];
                    if (symbol == EndOfString) throw new HpackException("Huffman-coded string contains EOS");
                    destination[written++] = (byte)symbol;
                    code = 0;
                    length = 0;
                }
                else if (length == MaxLength) throw new HpackException("invalid Huffman code");
            }
        }
        // §5.2: what is left must be padding: fewer than 8 bits, all ones (a prefix of EOS).
        if (length > 7) throw new HpackException("Huffman padding longer than 7 bits");
        if (code != (1 << length) - 1) throw new HpackException("Huffman padding that is not all ones");
        return written;
    }
}
