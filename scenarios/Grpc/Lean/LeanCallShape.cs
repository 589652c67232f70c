using System.Net;

namespace LoadLeak.Scenarios.Grpc.Lean;

/// <summary>
/// Everything constant about the lean client's calls, built once per scenario: where to connect, the HPACK-encoded
/// request headers and the length-prefixed request message, the same bytes on every call.
/// </summary>
internal sealed record LeanCallShape(DnsEndPoint Endpoint, byte[] HeaderBlock, byte[] RequestFrame, bool Unary, bool InlineCompletions)
{
    public int MaxReceiveMessageSize { get; init; } = 64 * 1024 * 1024;
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
