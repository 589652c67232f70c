namespace LoadLeak.Scenarios.Grpc.Lean.Hpack;

/// <summary>
/// RFC 7541 header block decoder for one connection: static and dynamic table, literals with and without
/// indexing, dynamic table size updates, Huffman-coded strings. Every header block the connection receives must
/// pass through it in order (also blocks of streams the client already gave up on), or the tables drift apart.
/// </summary>
internal sealed class HpackDecoder(int maxTableSize = HpackDecoder.DefaultTableSize)
{
    public const int DefaultTableSize = 4096;

    private readonly HpackDynamicTable _table = new(maxTableSize);
    private byte[] _nameScratch = new byte[256];
    private byte[] _valueScratch = new byte[256];

    public HpackDynamicTable Table => _table;

    public void Decode(ReadOnlySpan<byte> block, IHeaderSink sink)
    {
        var position = 0;
        var fieldSeen = false;
        while (position < block.Length)
        {
            var first = block[position];
            if ((first & 0x80) != 0)
            {
                var field = Lookup(HpackInteger.Read(block, ref position, 7));
                sink.OnHeader(field.Name, field.Value);
            }
            else if ((first & 0x40) != 0)
            {
                var nameIndex = HpackInteger.Read(block, ref position, 6);
                var name = nameIndex == 0 ? ReadString(block, ref position, ref _nameScratch) : Lookup(nameIndex).Name;
                var value = ReadString(block, ref position, ref _valueScratch);
                _table.Insert(new HeaderField(name.ToArray(), value.ToArray()));
                sink.OnHeader(name, value);
            }
            else if ((first & 0x20) != 0)
            {
                // §4.2: a size update only at the start of a block, and never above what our SETTINGS allow.
                if (fieldSeen) throw new HpackException("dynamic table size update after a header field");
                var size = HpackInteger.Read(block, ref position, 5);
                if (size > maxTableSize) throw new HpackException($"dynamic table size update to {size} above the {maxTableSize} allowed");
                _table.Resize(size);
                continue;
            }
            else
            {
                // Literal without indexing (0000) or never indexed (0001): same layout, 4-bit name index.
                var nameIndex = HpackInteger.Read(block, ref position, 4);
                var name = nameIndex == 0 ? ReadString(block, ref position, ref _nameScratch) : Lookup(nameIndex).Name;
                var value = ReadString(block, ref position, ref _valueScratch);
                sink.OnHeader(name, value);
            }
            fieldSeen = true;
        }
    }

    private HeaderField Lookup(int index)
    {
        if (index == 0) throw new HpackException("header index 0");
        return index <= HpackStaticTable.Count ? HpackStaticTable.Get(index) : _table.Get(index - HpackStaticTable.Count);
    }

    private static ReadOnlySpan<byte> ReadString(ReadOnlySpan<byte> block, ref int position, ref byte[] scratch)
    {
        if (position >= block.Length) throw new HpackException("header block ends before a string");
        var huffman = (block[position] & 0x80) != 0;
        var length = HpackInteger.Read(block, ref position, 7);
        if (length > block.Length - position) throw new HpackException("string literal runs past the header block");
        var raw = block.Slice(position, length);
        position += length;
        if (!huffman) return raw;
        // Huffman never expands a byte to fewer than 5 bits, so 8/5 of the input is always enough room.
        var room = length * 8 / 5 + 1;
        if (scratch.Length < room) scratch = new byte[Math.Max(room, scratch.Length * 2)];
        return scratch.AsSpan(0, HpackHuffman.Decode(raw, scratch));
    }
}
