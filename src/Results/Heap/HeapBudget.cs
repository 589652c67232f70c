namespace LoadLeak.Results;

/// <summary>
/// What forensics cost the run, against the budget: at most 1.5 s of target pause and 5 s of
/// analysis for a 200 MB heap, scaled linearly by the largest heap snapshotted.
/// </summary>
public sealed record HeapBudget(double MaxPauseMs, double MaxAnalysisMs, double LargestHeapBytes, double PauseBudgetMs, double AnalysisBudgetMs)
{
    public const double ReferenceHeapBytes = 200.0 * 1024 * 1024;
    public const double PauseMsPerReferenceHeap = 1500;
    public const double AnalysisMsPerReferenceHeap = 5000;

    public bool PauseWithinBudget => MaxPauseMs <= PauseBudgetMs;

    public bool AnalysisWithinBudget => MaxAnalysisMs <= AnalysisBudgetMs;

    public static HeapBudget From(IReadOnlyList<SnapshotInfo> snapshots)
    {
        var largest = snapshots.Count == 0 ? 0 : snapshots.Max(s => s.HeapBytes);
        return new HeapBudget(
            snapshots.Count == 0 ? 0 : snapshots.Max(s => s.PauseMs),
            snapshots.Count == 0 ? 0 : snapshots.Max(s => s.AnalysisMs),
            largest,
            PauseBudgetMsFor(largest),
            AnalysisMsPerReferenceHeap * Scale(largest));
    }

    /// <summary>The pause one snapshot of a heap of <paramref name="heapBytes"/> may cost the target.</summary>
    public static double PauseBudgetMsFor(double heapBytes) => PauseMsPerReferenceHeap * Scale(heapBytes);

    // Small heaps still pay fixed costs (opening the dump, the DAC): never budget below the reference.
    private static double Scale(double heapBytes) => Math.Max(1, heapBytes / ReferenceHeapBytes);
}
