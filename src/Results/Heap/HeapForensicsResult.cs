using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>
/// The heap evidence of a run: snapshots, the types that grew under load and survived the
/// cool-down, how those objects are kept alive, and async methods that never finished.
/// Holds type names, counts, sizes and paths only, never object contents (a dump holds secrets).
/// </summary>
public sealed record HeapForensicsResult(
    IReadOnlyList<SnapshotInfo> Snapshots,
    IReadOnlyList<TypeGrowth> TopGrowers,
    IReadOnlyList<RetentionPath> RetentionPaths,
    IReadOnlyList<PendingTasks> PendingTasks)
{
    /// <summary>Pause and analysis cost against the budget (1.5 s pause, 5 s analysis per 200 MB).</summary>
    [JsonIgnore]
    public HeapBudget Budget { get; init; } = HeapBudget.From(Snapshots);

    /// <summary>Costs and caveats: pauses over budget, walks cut short, dumps kept.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Go targets: goroutine stacks that grew (null for .NET).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<GoroutineGrower>? GoroutineGrowers { get; init; }
}
