namespace LoadLeak.Scenarios.Grpc.Lean.Hpack;

/// <summary>One header table entry, kept as the bytes it arrived as.</summary>
internal sealed record HeaderField(byte[] Name, byte[] Value)
{
    /// <summary>RFC 7541 §4.1: an entry's size counts 32 bytes of overhead beside its name and value.</summary>
    public int Size => Name.Length + Value.Length + 32;

    public static HeaderField Of(string name, string value = "") =>
        new(System.Text.Encoding.ASCII.GetBytes(name), System.Text.Encoding.ASCII.GetBytes(value));
}
