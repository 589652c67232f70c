using LoadLeak.Results;

namespace LoadLeak.Correlator.Forensics;

/// <summary>Live objects of one type in a snapshot.</summary>
public readonly record struct TypeStat(long Count, long Bytes);

/// <summary>
/// What one heap dump showed, reduced to type names, counts, sizes and paths. Counts cover
/// objects reachable from GC roots (garbage not yet collected is left out) unless
/// <see cref="LiveOnly"/> is false because the reachability walk ran out of budget.
/// </summary>
public sealed record HeapSnapshot
{
    public required string Label { get; init; }
    public double T { get; init; }
    public long HeapBytes { get; init; }
    public long Objects { get; init; }
    /// <summary>How long the target's threads were stopped while the dump was written, measured from
    /// /proc; the WriteDump call duration (an upper bound) where that cannot be measured.</summary>
    public double PauseMs { get; init; }
    /// <summary>True when <see cref="PauseMs"/> was measured rather than bounded by the WriteDump call.</summary>
    public bool PauseMeasured { get; init; }
    /// <summary>± of a measured pause (the /proc sampling brackets its start and end); null when not measured.</summary>
    public double? PauseResolutionMs { get; init; }
    /// <summary>Duration of the WriteDump call: the pause plus IPC and createdump's start-up.</summary>
    public double WriteDumpMs { get; init; }
    public long DumpBytes { get; init; }
    /// <summary>"tmpfs" or "disk": where the dump was written.</summary>
    public string DumpFolderKind { get; init; } = "disk";
    public double AnalysisMs { get; init; }
    public bool LiveOnly { get; init; } = true;
    public IReadOnlyDictionary<string, TypeStat> Types { get; init; } = new Dictionary<string, TypeStat>();
    public IReadOnlyList<PendingTasks> PendingTasks { get; init; } = [];
    public IReadOnlyList<RetentionPath> RetentionPaths { get; init; } = [];
    /// <summary>Where the dump was kept (only with keepDumps); null when it was deleted.</summary>
    public string? DumpPath { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];

    public SnapshotInfo ToInfo() => new(Label, T, HeapBytes, Objects, PauseMs, AnalysisMs)
    {
        PauseMeasured = PauseMeasured,
        WriteDumpMs = WriteDumpMs > 0 ? WriteDumpMs : null,
        PauseBudgetMs = HeapBudget.PauseBudgetMsFor(HeapBytes),
    };

    /// <summary>"target paused 3600 ms of a 2700 ms budget (over)", for notes and the console.</summary>
    public string PauseAgainstBudget() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"target paused {PauseMs:0} ms{(PauseMeasured ? "" : " (WriteDump call, an upper bound)")}"
        + $" of a {HeapBudget.PauseBudgetMsFor(HeapBytes):0} ms budget")
        + (PauseMs > HeapBudget.PauseBudgetMsFor(HeapBytes) ? " (over)" : "");
}
