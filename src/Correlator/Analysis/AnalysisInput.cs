using LoadLeak.Results;

namespace LoadLeak.Correlator.Analysis;

/// <summary>What the leak analysis reads: the load's phases and intervals, the target's samples and retained-heap marks.</summary>
public sealed record AnalysisInput(
    IReadOnlyList<PhaseRecord> Phases,
    IReadOnlyList<IntervalRow> Intervals,
    IReadOnlyList<TargetSample> Samples,
    IReadOnlyList<RetainedMark> Retained,
    LeakOptions Options)
{
    /// <summary>Forced-GC readings asked for and not taken (<see cref="RetainedReading.Missing"/>): a phase boundary with one
    /// of these has no retained reading, and no other reading may stand in for it.</summary>
    public IReadOnlyList<RetainedMark> MissedRetained { get; init; } = [];
}
