using LoadLeak.Results;

namespace LoadLeak.Correlator;

/// <summary>Everything the correlator saw of the target, on the run clock. <see cref="Retained"/> holds
/// measured readings only; <see cref="MissedRetained"/> the ones asked for that have none.</summary>
public sealed record CorrelatorResult(
    IReadOnlyList<TargetSample> Samples,
    IReadOnlyList<RetainedMark> Retained,
    IReadOnlyList<TimelineEvent> Events,
    IReadOnlyList<string> Notes,
    bool IsDotNet)
{
    /// <summary>Retained readings that were asked for and could not be taken (<see cref="RetainedReading.Missing"/>), by T.</summary>
    public IReadOnlyList<RetainedMark> MissedRetained { get; init; } = [];
}
