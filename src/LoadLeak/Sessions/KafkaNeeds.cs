using System.Text.Json;
using LoadLeak.Engine.Config;

namespace LoadLeak.Sessions;

/// <summary>Whether a run needs the embedded Kafka broker.</summary>
internal static class KafkaNeeds
{
    public const string Embedded = "embedded";

    public static bool EmbeddedBroker(NBomberConfig config, string? targetCommand) =>
        (targetCommand?.Contains("{kafka}", StringComparison.Ordinal) ?? false)
        || config.Scenarios.Where(s => IsTarget(config, s.ScenarioName)).Any(s => UsesEmbedded(s.ScenarioName, s.CustomSettings));

    /// <summary>
    /// The topics the run's Kafka scenarios produce to (the target consumes "loadleak" by default).
    /// Created before the target starts: a consumer whose topic appears later joins its group seconds late.
    /// </summary>
    public static IReadOnlyList<string> Topics(NBomberConfig config) =>
        config.Scenarios.Where(s => IsTarget(config, s.ScenarioName) && UsesEmbedded(s.ScenarioName, s.CustomSettings))
            .Select(s => s.CustomSettings.ValueKind == JsonValueKind.Object && s.CustomSettings.TryGetProperty("Topic", out var t)
                         && t.ValueKind == JsonValueKind.String ? t.GetString()! : DefaultTopic)
            .Append(DefaultTopic).Distinct(StringComparer.Ordinal).ToArray();

    public const string DefaultTopic = "loadleak";

    private static bool IsTarget(NBomberConfig config, string name) =>
        config.TargetScenarios is null || config.TargetScenarios.Contains(name, StringComparer.Ordinal);

    private static bool UsesEmbedded(string scenarioName, JsonElement settings)
    {
        if (settings.ValueKind != JsonValueKind.Object) return false;
        if (settings.TryGetProperty("BootstrapServers", out var servers))
            return servers.ValueKind == JsonValueKind.String
                && string.Equals(servers.GetString(), Embedded, StringComparison.OrdinalIgnoreCase);
        var protocol = settings.TryGetProperty("Protocol", out var p) && p.ValueKind == JsonValueKind.String
            ? p.GetString()
            : scenarioName;
        return protocol?.StartsWith("kafka", StringComparison.OrdinalIgnoreCase) ?? false;
    }
}
