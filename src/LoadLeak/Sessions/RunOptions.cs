using System.Text.Json;
using LoadLeak.Engine;
using LoadLeak.Guard;

namespace LoadLeak.Sessions;

/// <summary>
/// LoadLeak's own settings from the config's top-level "LoadLeak" section (NBomber ignores it).
/// Example: { "LoadLeak": { "RetainedGc": "boundaries", "ProgressEverySeconds": 5 } }
/// </summary>
internal sealed record RunOptions
{
    public static readonly RunOptions Default = new();

    /// <summary>When to force a full GC in the target and record the retained heap: boundaries | end | none.</summary>
    public RetainedGcMode RetainedGc { get; init; } = RetainedGcMode.Boundaries;
    public int ProgressEverySeconds { get; init; } = 5;
    /// <summary>The latency SLO (p99, ms) the capacity analysis finds the knee for; null = none.</summary>
    public double? SloP99Ms { get; init; }
    /// <summary>Brokers of the embedded Kafka cluster.</summary>
    public int KafkaBrokers { get; init; } = 1;
    /// <summary>Broker outages to inject into the embedded Kafka cluster (times already scaled).</summary>
    public IReadOnlyList<KafkaFault> Faults { get; init; } = [];
    /// <summary>The cap of a launched target's target.log (the first and last half are kept).</summary>
    public long TargetLogMaxBytes { get; init; } = Targets.LaunchOptions.DefaultLogMaxBytes;
    /// <summary>When the load stops to save the machine's memory (LoadLeak.Guard).</summary>
    public GuardOptions Guard { get; init; } = GuardOptions.Default;
    public JsonElement Section { get; init; } = JsonDocument.Parse("{}").RootElement.Clone();

    public static RunOptions From(JsonElement section)
    {
        var options = new RunOptions { Section = section.Clone() };
        if (section.ValueKind != JsonValueKind.Object) return options;
        if (section.TryGetProperty("RetainedGc", out var gc))
        {
            RetainedGcMode? mode = gc.ValueKind != JsonValueKind.String ? null : gc.GetString() switch
            {
                "boundaries" => RetainedGcMode.Boundaries,
                "end" => RetainedGcMode.End,
                "none" => RetainedGcMode.None,
                _ => null,
            };
            options = options with
            {
                RetainedGc = mode ?? throw new ConfigException(
                    $"LoadLeak.RetainedGc: expected \"boundaries\", \"end\" or \"none\", got {gc.GetRawText()}"),
            };
        }
        if (section.TryGetProperty("ProgressEverySeconds", out var every))
        {
            if (every.ValueKind != JsonValueKind.Number || !every.TryGetInt32(out var seconds) || seconds < 1)
                throw new ConfigException($"LoadLeak.ProgressEverySeconds: expected a whole number ≥ 1, got {every.GetRawText()}");
            options = options with { ProgressEverySeconds = seconds };
        }
        if (section.TryGetProperty("KafkaBrokers", out var brokers))
        {
            if (brokers.ValueKind != JsonValueKind.Number || !brokers.TryGetInt32(out var count) || count is < 1 or > 9)
                throw new ConfigException($"LoadLeak.KafkaBrokers: expected a whole number from 1 to 9, got {brokers.GetRawText()}");
            options = options with { KafkaBrokers = count };
        }
        if (section.TryGetProperty("Slo", out var slo))
        {
            if (slo.ValueKind != JsonValueKind.Object || !slo.TryGetProperty("P99Ms", out var p99)
                || p99.ValueKind != JsonValueKind.Number || p99.GetDouble() is not (> 0 and < 3_600_000))
                throw new ConfigException($"LoadLeak.Slo: expected {{ \"P99Ms\": <milliseconds > 0> }}, got {slo.GetRawText()}");
            options = options with { SloP99Ms = p99.GetDouble() };
        }
        if (section.TryGetProperty("TargetLogMax", out var logMax))
        {
            if (logMax.ValueKind != JsonValueKind.String || !ByteSize.TryParse(logMax.GetString(), out var cap) || cap < 64 * 1024)
                throw new ConfigException($"LoadLeak.TargetLogMax: expected a size of at least 64KB such as \"20MB\", got {logMax.GetRawText()}");
            options = options with { TargetLogMaxBytes = cap };
        }
        if (section.TryGetProperty("Guard", out var guard))
            options = options with { Guard = GuardOptions.From(guard, "LoadLeak.Guard") };
        if (section.TryGetProperty("Faults", out var faults))
            options = options with { Faults = KafkaFault.ParseAll(faults, "LoadLeak.Faults", options.KafkaBrokers) };
        return options;
    }

    /// <summary>Multiplies the fault times, as --duration-scale does every duration of the config.</summary>
    public RunOptions Scaled(double factor) =>
        this with { Faults = Faults.Select(f => f with { At = f.At * factor, For = f.For * factor }).ToArray() };
}
