using System.Buffers.Binary;
using System.IO.Compression;
using Google.Protobuf;
using LoadLeak.Correlator.Sampling.Endpoints;

namespace LoadLeak.Correlator.Sampling.Go;

/// <summary>
/// Decodes a gzipped pprof profile (what <c>heap?gc=1</c> returns) field by field with Google.Protobuf's
/// CodedInputStream, reading only what LoadLeak uses. Field numbers follow pprof's profile.proto:
/// Profile {1 sample_type, 2 sample, 4 location, 5 function, 6 string_table}, ValueType {1 type, 2 unit},
/// Sample {1 location_id (packed), 2 value (packed)}, Location {1 id, 4 line}, Line {1 function_id, 2 line},
/// Function {1 id, 2 name, 4 filename}. Unknown fields are skipped.
/// </summary>
internal static class PprofProtoDecoder
{
    /// <summary>A heap profile is KBs to a few MB; this bounds what a hostile or broken body can make us inflate.</summary>
    private const int MaxInflatedBytes = 512 * 1024 * 1024;

    private sealed record RawLine(ulong FunctionId, long Line);

    private sealed record RawFunction(long Name, long File);

    public static PprofProfile Decode(byte[] body)
    {
        if (body.Length < 2 || body[0] != 0x1f || body[1] != 0x8b)
        {
            var start = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 64));
            throw new EndpointContentException($"not a gzipped pprof profile: it starts with '{Excerpt.Of(start)}'");
        }
        byte[] proto;
        try
        {
            proto = Inflate(body);
        }
        catch (InvalidDataException ex)
        {
            throw new EndpointContentException($"the gzipped profile is corrupt ({ex.Message})");
        }
        try
        {
            return Parse(proto);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new EndpointContentException($"the profile is not a valid profile.proto message ({ex.Message})");
        }
    }

    private static byte[] Inflate(byte[] body)
    {
        using var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = gzip.Read(buffer)) > 0)
        {
            if (output.Length + read > MaxInflatedBytes) throw new InvalidDataException("it inflates beyond 512 MB");
            output.Write(buffer, 0, read);
        }
        // GZipStream stops quietly at the end of a cut-off body; the trailer's size (mod 2^32) tells.
        var declared = body.Length >= 18 ? BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan(body.Length - 4)) : 0;
        if (body.Length < 18 || declared != (uint)output.Length)
            throw new InvalidDataException($"it inflates to {output.Length} bytes, its trailer says {declared}: cut off?");
        return output.ToArray();
    }

    private static PprofProfile Parse(byte[] proto)
    {
        var strings = new List<string>();
        var types = new List<(long Type, long Unit)>();
        var samples = new List<(List<ulong> Locations, List<long> Values)>();
        var locations = new Dictionary<ulong, List<RawLine>>();
        var functions = new Dictionary<ulong, RawFunction>();

        var input = new CodedInputStream(proto);
        ProtoFields.Read(input, (field, wire) =>
        {
            if (wire != WireFormat.WireType.LengthDelimited) return false;
            switch (field)
            {
                case 1: types.Add(ReadValueType(input.ReadBytes())); return true;
                case 2: samples.Add(ReadSample(input.ReadBytes())); return true;
                case 4:
                    var (id, lines) = ReadLocation(input.ReadBytes());
                    locations[id] = lines;
                    return true;
                case 5:
                    var (functionId, function) = ReadFunction(input.ReadBytes());
                    functions[functionId] = function;
                    return true;
                case 6: strings.Add(input.ReadString()); return true;
                default: return false;
            }
        });

        string S(long index) => index >= 0 && index < strings.Count ? strings[(int)index] : "";
        var frameCache = new Dictionary<ulong, IReadOnlyList<GoFrame>>();
        IReadOnlyList<GoFrame> Frames(ulong locationId)
        {
            if (frameCache.TryGetValue(locationId, out var cached)) return cached;
            var frames = locations.TryGetValue(locationId, out var lines)
                ? lines.Select(l => functions.TryGetValue(l.FunctionId, out var f)
                    ? new GoFrame(S(f.Name), S(f.File), (int)l.Line)
                    : new GoFrame($"?{l.FunctionId}", "", (int)l.Line)).ToList()
                : [new GoFrame($"?loc{locationId}", "", 0)];
            frameCache[locationId] = frames;
            return frames;
        }

        return new PprofProfile(
            types.Select(t => new PprofValueType(S(t.Type), S(t.Unit))).ToList(),
            samples.Select(s => new PprofSample(s.Locations.SelectMany(Frames).ToList(), s.Values)).ToList());
    }

    private static (long, long) ReadValueType(ByteString bytes)
    {
        long type = 0, unit = 0;
        var input = bytes.CreateCodedInput();
        ProtoFields.Read(input, (field, wire) => wire == WireFormat.WireType.Varint && field switch
        {
            1 => ProtoFields.Set(ref type, input.ReadInt64()),
            2 => ProtoFields.Set(ref unit, input.ReadInt64()),
            _ => false,
        });
        return (type, unit);
    }

    private static (List<ulong>, List<long>) ReadSample(ByteString bytes)
    {
        var ids = new List<ulong>();
        var values = new List<long>();
        var input = bytes.CreateCodedInput();
        ProtoFields.Read(input, (field, wire) => field switch
        {
            1 => ProtoFields.Repeated(input, wire, ids, i => i.ReadUInt64()),
            2 => ProtoFields.Repeated(input, wire, values, i => i.ReadInt64()),
            _ => false,
        });
        return (ids, values);
    }

    private static (ulong, List<RawLine>) ReadLocation(ByteString bytes)
    {
        ulong id = 0;
        var lines = new List<RawLine>();
        var input = bytes.CreateCodedInput();
        ProtoFields.Read(input, (field, wire) => (field, wire) switch
        {
            (1, WireFormat.WireType.Varint) => ProtoFields.Set(ref id, input.ReadUInt64()),
            (4, WireFormat.WireType.LengthDelimited) => ProtoFields.Add(lines, ReadLine(input.ReadBytes())),
            _ => false,
        });
        return (id, lines);
    }

    private static RawLine ReadLine(ByteString bytes)
    {
        ulong function = 0;
        long line = 0;
        var input = bytes.CreateCodedInput();
        ProtoFields.Read(input, (field, wire) => wire == WireFormat.WireType.Varint && field switch
        {
            1 => ProtoFields.Set(ref function, input.ReadUInt64()),
            2 => ProtoFields.Set(ref line, input.ReadInt64()),
            _ => false,
        });
        return new RawLine(function, line);
    }

    private static (ulong, RawFunction) ReadFunction(ByteString bytes)
    {
        ulong id = 0;
        long name = 0, file = 0;
        var input = bytes.CreateCodedInput();
        ProtoFields.Read(input, (field, wire) => wire == WireFormat.WireType.Varint && field switch
        {
            1 => ProtoFields.Set(ref id, input.ReadUInt64()),
            2 => ProtoFields.Set(ref name, input.ReadInt64()),
            4 => ProtoFields.Set(ref file, input.ReadInt64()),
            _ => false,
        });
        return (id, new RawFunction(name, file));
    }
}
