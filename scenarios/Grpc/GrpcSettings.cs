using LoadLeak.Scenarios.Settings;
using LoadLeak.Scenarios.Sockets;
using LoadLeak.Scenarios.Template;

namespace LoadLeak.Scenarios.Grpc;

public enum GrpcCall { Unary, Stream }

/// <summary>The gRPC scenario's CustomSettings, validated.</summary>
public sealed record GrpcSettings(Uri Address, GrpcCall Call, TimeSpan Deadline, int StreamMessages, RequestTemplate Template, int MaxConnections)
{
    public const int MaxStreamMessages = 10_000;

    /// <summary>Whether the connections' I/O completes inline (see <see cref="SocketCompletions"/>).</summary>
    public bool InlineCompletions { get; init; } = SocketCompletions.InlineByDefault;

    /// <summary>Grpc.Net.Client (default) or the lean h2c client; same calls, metadata, deadline and statuses either way.</summary>
    public GrpcClientKind Client { get; init; } = GrpcClientKind.GrpcNet;

    public static GrpcSettings Read(SettingsReader reader)
    {
        var addressText = reader.String("Address", "http://127.0.0.1:{grpcPort}");
        if (!Uri.TryCreate(addressText, UriKind.Absolute, out var address)
            || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
            throw reader.Error("Address", $"not an absolute http(s) address: '{addressText}'");
        var client = reader.Choice("Client", "grpc-net", "grpc-net", "lean") == "lean" ? GrpcClientKind.Lean : GrpcClientKind.GrpcNet;
        if (client == GrpcClientKind.Lean && address.Scheme != Uri.UriSchemeHttp)
            throw reader.Error("Client", $"'lean' speaks HTTP/2 over cleartext only (http://), but Address is '{addressText}'; use Client " +
                "'grpc-net' for https");
        var call = reader.Choice("Call", "unary", "unary", "stream") == "stream" ? GrpcCall.Stream : GrpcCall.Unary;
        return new GrpcSettings(address, call,
            TimeSpan.FromMilliseconds(reader.Int("DeadlineMs", 10_000, 1, 3_600_000)),
            reader.Int("StreamMessages", 10, 1, MaxStreamMessages),
            TemplateSettings.Read(reader),
            reader.Int("MaxConnections", 4, 1, 1_000))
        {
            InlineCompletions = SocketCompletions.Read(reader),
            Client = client,
        };
    }
}
