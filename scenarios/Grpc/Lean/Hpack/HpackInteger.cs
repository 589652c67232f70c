namespace LoadLeak.Scenarios.Grpc.Lean.Hpack;

/// <summary>RFC 7541 §5.1 integers: an N-bit prefix, then 7 bits per continuation byte, least significant first.</summary>
internal static class HpackInteger
{
    /// <summary>Reads the integer whose prefix is the low <paramref name="prefixBits"/> bits of <c>source[position]</c>.</summary>
    public static int Read(ReadOnlySpan<byte> source, ref int position, int prefixBits)
    {
        if (position >= source.Length) throw new HpackException("header block ends inside an integer");
        var max = (1 << prefixBits) - 1;
        var value = source[position++] & max;
        if (value < max) return value;
        for (var shift = 0; ; shift += 7)
        {
            if (position >= source.Length) throw new HpackException("header block ends inside an integer");
            if (shift > 28) throw new HpackException("integer too large");
            var next = source[position++];
            var add = (long)(next & 0x7f) << shift;
            if (value + add > int.MaxValue) throw new HpackException("integer too large");
            value += (int)add;
            if ((next & 0x80) == 0) return value;
        }
    }

    /// <summary>Writes <paramref name="value"/> with an N-bit prefix; <paramref name="firstByteFlags"/> fills the bits above it.</summary>
    public static int Write(Span<byte> destination, int value, int prefixBits, byte firstByteFlags)
    {
        var max = (1 << prefixBits) - 1;
        if (value < max)
        {
            destination[0] = (byte)(firstByteFlags | value);
            return 1;
        }
        destination[0] = (byte)(firstByteFlags | max);
        var written = 1;
        value -= max;
        while (value >= 0x80)
        {
            destination[written++] = (byte)(value & 0x7f | 0x80);
            value >>= 7;
        }
        destination[written++] = (byte)value;
        return written;
    }
}
