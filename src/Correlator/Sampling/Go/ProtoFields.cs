using Google.Protobuf;

namespace LoadLeak.Correlator.Sampling.Go;

/// <summary>Field-by-field protobuf reading on CodedInputStream, for messages read without generated classes.</summary>
internal static class ProtoFields
{
    /// <summary>Reads a message's fields; <paramref name="read"/> consumes the ones it knows and returns false for the rest.</summary>
    public static void Read(CodedInputStream input, Func<int, WireFormat.WireType, bool> read)
    {
        uint tag;
        while ((tag = input.ReadTag()) != 0)
            if (!read(WireFormat.GetTagFieldNumber(tag), WireFormat.GetTagWireType(tag))) input.SkipLastField();
    }

    /// <summary>Repeated scalars arrive packed (one length-delimited run) or one tag per value; both are valid proto3.</summary>
    public static bool Repeated<T>(CodedInputStream input, WireFormat.WireType wire, List<T> into, Func<CodedInputStream, T> read)
    {
        if (wire == WireFormat.WireType.Varint)
        {
            into.Add(read(input));
            return true;
        }
        if (wire != WireFormat.WireType.LengthDelimited) return false;
        var packed = input.ReadBytes().CreateCodedInput();
        while (!packed.IsAtEnd) into.Add(read(packed));
        return true;
    }

    public static bool Set<T>(ref T target, T value)
    {
        target = value;
        return true;
    }

    public static bool Add<T>(List<T> list, T value)
    {
        list.Add(value);
        return true;
    }
}
