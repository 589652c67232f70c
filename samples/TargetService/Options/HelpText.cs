using System.Text;

namespace TargetService.Options;

internal static class HelpText
{
    public static string Build()
    {
        var text = new StringBuilder();
        text.AppendLine("TargetService: the LoadLeak sample target (HTTP + gRPC + Kafka consumer, leak fixtures).");
        text.AppendLine();
        text.AppendLine("Usage: TargetService [--port N] [--grpc-port N] [--kafka BOOTSTRAP] [--kafka-topic T] " +
            "[--leak MODE[,MODE]] [--impl C=NAME[,C=NAME]]");
        text.AppendLine("  --port N           HTTP/1.1 port on 127.0.0.1 (default 5080): POST /api/query, GET /healthz, GET /api/kafka/e2e");
        text.AppendLine("  --grpc-port N      HTTP/2 (h2c) port on 127.0.0.1 (default 5081): gRPC loadleak.benchmark.Benchmark and the same HTTP " +
            "routes");
        text.AppendLine("  --kafka BOOTSTRAP  consume the topic in group 'target' and measure end-to-end latency (no consumer when absent)");
        text.AppendLine("  --kafka-topic T    topic to consume (default loadleak)");
        text.AppendLine("  --impl C=NAME      " + string.Join("; ", ImplementationChoice.Choices.Select(c => $"{c.Key}={string.Join("|", c.Value)}"))
            + $" (default {ImplementationChoice.Default})");
        text.AppendLine("  --leak MODE        leak fixtures (comma-separated):");
        foreach (var (name, description) in Leaks.LeakCatalog.Descriptions)
            text.AppendLine($"      {name,-14} {description}");
        text.AppendLine("Exit codes: 0 ok, 2 bad arguments.");
        return text.ToString();
    }
}
