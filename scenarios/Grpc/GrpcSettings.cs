using System.Text;
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

    /// <summary>The lean h2c client or Grpc.Net.Client; same calls, metadata, deadline and statuses either way.</summary>
    public GrpcClientKind Client { get; init; } = GrpcClientKind.GrpcNet;

    /// <summary>Which client, how it was picked and why; settings built in code describe their <see cref="Client"/> as configured.</summary>
    public ClientChoice ClientChoice
    {
        get => _clientChoice is { } choice && choice.Client == ClientName(Client) ? choice : ClientChoice.Configured(ClientName(Client), "Client");
        init => _clientChoice = value;
    }

    private readonly ClientChoice? _clientChoice;

    public static GrpcSettings Read(SettingsReader reader)
    {
        var addressText = reader.String("Address", "http://127.0.0.1:{grpcPort}");
        if (!Uri.TryCreate(addressText, UriKind.Absolute, out var address)
            || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
            throw reader.Error("Address", $"not an absolute http(s) address: '{addressText}'");
        var named = reader.Choice("Client", "auto", "auto", "grpc-net", "lean");
        if (named == "lean" && address.Scheme != Uri.UriSchemeHttp)
            throw reader.Error("Client", $"'lean' speaks HTTP/2 over cleartext only (http://), but Address is '{addressText}'; use Client 'grpc-net' for https");
        var call = reader.Choice("Call", "unary", "unary", "stream") == "stream" ? GrpcCall.Stream : GrpcCall.Unary;
        var template = TemplateSettings.Read(reader);
        var choice = named != "auto" ? ClientChoice.Configured(named, "Client") : ChooseAuto(address, call, template);
        return new GrpcSettings(address, call,
            TimeSpan.FromMilliseconds(reader.Int("DeadlineMs", 10_000, 1, 3_600_000)),
            reader.Int("StreamMessages", 10, 1, MaxStreamMessages),
            template,
            reader.Int("MaxConnections", 4, 1, 1_000))
        {
            InlineCompletions = SocketCompletions.Read(reader),
            Client = choice.Client == ClientName(GrpcClientKind.Lean) ? GrpcClientKind.Lean : GrpcClientKind.GrpcNet,
            ClientChoice = choice,
        };
    }

    public static string ClientName(GrpcClientKind kind) => kind == GrpcClientKind.Lean ? "lean" : "grpc-net";

    /// <summary>
    /// <c>auto</c> (the default): the lean client over h2c, where it makes every call the scenario has (unary Query and
    /// server-streaming QueryStream) with the same metadata; Grpc.Net.Client for TLS, and for a benchmark id the lean
    /// client's ASCII header block cannot carry as Grpc.Net.Client would.
    /// </summary>
    private static ClientChoice ChooseAuto(Uri address, GrpcCall call, RequestTemplate template)
    {
        if (address.Scheme != Uri.UriSchemeHttp) return ClientChoice.Auto("grpc-net", $"{address.Scheme} Address (the lean client has no TLS)");
        if (!Ascii.IsValid(template.BenchmarkId)) return ClientChoice.Auto("grpc-net", "BenchmarkId is not ASCII");
        return ClientChoice.Auto("lean", call == GrpcCall.Unary ? "h2c, unary Query" : "h2c, server-streaming QueryStream");
    }
}
