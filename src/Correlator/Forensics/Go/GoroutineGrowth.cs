using LoadLeak.Correlator.Sampling.Go;

namespace LoadLeak.Correlator.Forensics.Go;

/// <summary>
/// Goroutines waiting at one line that grew: <paramref name="Frame"/> is the service's own frame where they wait (else
/// the first outside the runtime), <paramref name="Stack"/> the largest group's stack. Deltas run from the baseline to
/// the after-cool-down snapshot; <see cref="PeakCountDelta"/> to the peak.
/// </summary>
internal sealed record GoroutineGrowth(GoFrame Frame, long CountDelta, long CountAfterCoolDown, bool SurvivesCoolDown, IReadOnlyList<GoFrame> Stack)
{
    public long PeakCountDelta { get; init; }

    /// <summary>The group's first frame outside the runtime, which can be a standard-library wait (<c>sync.(*Cond).Wait</c>).</summary>
    public GoFrame? TopFrame { get; init; }
}
