using System.IO.Compression;
using Google.Protobuf;

namespace LoadLeak.Tests.Correlator.Go;

/// <summary>Writes small profile.proto messages by field number, for decoder cases the Go runtime never produces.</summary>
internal sealed class ProfileProtoWriter
{
    private readonly List<string> _strings = [""];
    private readonly MemoryStream _body = new();
    private readonly CodedOutputStream _out;

    public ProfileProtoWriter() => _out = new CodedOutputStream(_body);

    public long String(string s)
    {
        var at = _strings.IndexOf(s);
        if (at >= 0) return at;
        _strings.Add(s);
        return _strings.Count - 1;
    }

    public void SampleType(string type, string unit) => Message(1, o => { Varint(o, 1, String(type)); Varint(o, 2, String(unit)); });

    /// <summary>A sample with location ids leaf first; <paramref name="packed"/> false writes one tag per value.</summary>
    public void Sample(ulong[] locations, long[] values, bool packed = true) => Message(2, o =>
    {
        if (packed)
        {
            Packed(o, 1, locations.Select(l => (long)l));
            Packed(o, 2, values);
        }
        else
        {
            foreach (var l in locations) Varint(o, 1, (long)l);
            foreach (var v in values) Varint(o, 2, v);
        }
    });

    /// <summary>A location whose lines are (function id, line), innermost inlined call first.</summary>
    public void Location(ulong id, params (ulong Function, long Line)[] lines) => Message(4, o =>
    {
        Varint(o, 1, (long)id);
        foreach (var (function, line) in lines) Nested(o, 4, n => { Varint(n, 1, (long)function); Varint(n, 2, line); });
    });

    public void Function(ulong id, string name, string file) => Message(5, o =>
    {
        Varint(o, 1, (long)id);
        Varint(o, 2, String(name));
        Varint(o, 4, String(file));
    });

    public byte[] Gzipped()
    {
        foreach (var s in _strings)
        {
            _out.WriteTag(6, WireFormat.WireType.LengthDelimited);
            _out.WriteString(s);
        }
        _out.Flush();
        using var zipped = new MemoryStream();
        using (var gzip = new GZipStream(zipped, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(_body.ToArray());
        return zipped.ToArray();
    }

    private void Message(int field, Action<CodedOutputStream> write) => Nested(_out, field, write);

    private static void Nested(CodedOutputStream into, int field, Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var inner = new CodedOutputStream(buffer);
        write(inner);
        inner.Flush();
        into.WriteTag(field, WireFormat.WireType.LengthDelimited);
        into.WriteBytes(ByteString.CopyFrom(buffer.ToArray()));
    }

    private static void Varint(CodedOutputStream o, int field, long value)
    {
        o.WriteTag(field, WireFormat.WireType.Varint);
        o.WriteInt64(value);
    }

    private static void Packed(CodedOutputStream o, int field, IEnumerable<long> values) => Nested(o, field, n =>
    {
        foreach (var v in values) n.WriteInt64(v);
    });
}
