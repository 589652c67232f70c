namespace LoadLeak.Correlator.Forensics.Go;

/// <summary>
/// The Go heap and goroutine evidence of a run: the snapshots' headline figures, goroutine stacks that grew, and
/// allocation sites whose in-use bytes grew, candidates (surviving the cool-down) first.
/// </summary>
internal sealed record GoForensicsResult(
    IReadOnlyList<GoSnapshotInfo> Snapshots,
    IReadOnlyList<GoroutineGrowth> GoroutineGrowers,
    IReadOnlyList<GoAllocSiteGrowth> TopGrowers)
{
    public IReadOnlyList<string> Notes { get; init; } = [];
}
