namespace LoadLeak.Results;

/// <summary>One compared candidate: its command, its runs and each metric over the repeats.</summary>
public sealed record CandidateSummary
{
    public required string Name { get; init; }
    public required string Command { get; init; }
    /// <summary>Folders (relative to compare.json) of this candidate's runs, in run order.</summary>
    public IReadOnlyList<string> Runs { get; init; } = [];
    public IReadOnlyList<LeakVerdict> LeakVerdicts { get; init; } = [];
    public IReadOnlyList<RunStatus> Statuses { get; init; } = [];
    /// <summary>metric name → value over the repeats.</summary>
    public IReadOnlyDictionary<string, MetricSummary> Metrics { get; init; } = new Dictionary<string, MetricSummary>();
    /// <summary>With one run: metric name → its per-second values over the load phases, for the paired test. Not written.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, IReadOnlyList<double>>? PerSecond { get; init; }
}
