using System.Globalization;

namespace TargetService.Options;

/// <summary>Command-line options; <see cref="Parse"/> throws <see cref="ArgumentException"/> with a user-facing message.</summary>
public sealed record TargetOptions(
    int Port,
    int GrpcPort,
    string? KafkaBootstrap,
    string KafkaTopic,
    IReadOnlyList<string> LeakModes,
    ImplementationChoice Implementation,
    bool ShowHelp)
{
    public static TargetOptions Parse(IReadOnlyList<string> args)
    {
        int port = 5080, grpcPort = 5081;
        string? kafka = null;
        var topic = "loadleak";
        var leaks = new List<string>();
        var impl = ImplementationChoice.Default;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h": return new TargetOptions(port, grpcPort, kafka, topic, leaks, impl, true);
                case "--port": port = ParsePort(args, ref i); break;
                case "--grpc-port": grpcPort = ParsePort(args, ref i); break;
                case "--kafka": kafka = Value(args, ref i); break;
                case "--kafka-topic": topic = Value(args, ref i); break;
                case "--leak": leaks.AddRange(SplitList(Value(args, ref i))); break;
                case "--impl": impl = impl.With(Value(args, ref i)); break;
                default: throw new ArgumentException($"unknown argument '{args[i]}' (see --help)");
            }
        }
        if (port == grpcPort) throw new ArgumentException($"--port and --grpc-port must differ (both {port})");
        foreach (var mode in leaks)
            if (!Leaks.LeakCatalog.Names.Contains(mode))
                throw new ArgumentException($"--leak: unknown mode '{mode}'; known: {string.Join(", ", Leaks.LeakCatalog.Names)}");
        if (string.IsNullOrWhiteSpace(topic)) throw new ArgumentException("--kafka-topic: must not be empty");
        return new TargetOptions(port, grpcPort, kafka, topic, leaks.Distinct().ToList(), impl, false);
    }

    private static IEnumerable<string> SplitList(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant());

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        var flag = args[i];
        if (++i >= args.Count || args[i].StartsWith("--", StringComparison.Ordinal))
            throw new ArgumentException($"{flag}: missing value");
        return args[i];
    }

    private static int ParsePort(IReadOnlyList<string> args, ref int i)
    {
        var flag = args[i];
        var text = Value(args, ref i);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : throw new ArgumentException($"{flag}: not a TCP port (1-65535): '{text}'");
    }
}
