namespace LoadLeak.Scenarios.Grpc.Lean.Hpack;

/// <summary>A header block that breaks RFC 7541: a COMPRESSION_ERROR, fatal to the whole connection.</summary>
internal sealed class HpackException(string message) : Exception(message);
