namespace LoadLeak.Correlator.Forensics;

/// <summary>
/// The heap evidence of a run: snapshots, the types that grew under load and survived the
/// cool-down, how those objects are kept alive, and async methods that never finished.
/// Mirrors <c>HeapDto</c> in run.json. Holds type names, counts, sizes and paths only, never
/// object contents (a dump holds secrets).
/// </summary>
public sealed record HeapForensicsResult(
    IReadOnlyList<SnapshotInfo> Snapshots,
    IReadOnlyList<TypeGrowth> TopGrowers,
    IReadOnlyList<RetentionPath> RetentionPaths,
    IReadOnlyList<PendingTasks> PendingTasks)
{
    /// <summary>Pause and analysis cost against the budget (1.5 s pause, 5 s analysis per 200 MB).</summary>
    public HeapBudget Budget { get; init; } = HeapBudget.From(Snapshots);

    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>Mirrors <c>SnapshotDto</c>. <paramref name="PauseMs"/> is how long the target was
/// stopped (measured), or the WriteDump call duration when <see cref="PauseMeasured"/> is false.</summary>
public sealed record SnapshotInfo(string Label, double T, double HeapBytes, long Objects, double PauseMs, double AnalysisMs)
{
    public bool PauseMeasured { get; init; }

    /// <summary>Duration of the WriteDump call (an upper bound of the pause); 0 when unknown.</summary>
    public double WriteDumpMs { get; init; }

    /// <summary>The pause this snapshot was allowed (<see cref="HeapBudget.PauseBudgetMsFor"/> of its heap); 0 when unknown.</summary>
    public double PauseBudgetMs { get; init; }
}

/// <summary>Mirrors <c>TypeGrowthDto</c>. Deltas run from the baseline to the after-cool-down snapshot.
/// <paramref name="SurvivesCoolDown"/> is judged by bytes (see <see cref="HeapDiffOptions"/>), the count beside them.</summary>
public sealed record TypeGrowth(string Type, long CountDelta, long BytesDelta, long CountAfterCoolDown, bool SurvivesCoolDown)
{
    /// <summary>Growth from the baseline to the peak snapshot (under load).</summary>
    public long PeakBytesDelta { get; init; }

    public long PeakCountDelta { get; init; }
}

/// <summary>Mirrors <c>RetentionPathDto</c>: one shape of reference chain from a GC root to
/// instances of <paramref name="Type"/>; <paramref name="Count"/> of the sampled instances have it.</summary>
public sealed record RetentionPath(string Type, string Root, IReadOnlyList<string> Path, int Count)
{
    /// <summary>How many instances of the type were sampled for paths in total.</summary>
    public int Sampled { get; init; }

    public override string ToString() => $"{Count}/{Sampled}: {string.Join(" → ", Path)}";
}

/// <summary>Mirrors <c>PendingTasksDto</c>: async state machines (or promise tasks) not completed, per method.</summary>
public sealed record PendingTasks(string Method, long Count);
