using LoadLeak.Results;

namespace LoadLeak.Correlator;

/// <summary>Everything the correlator saw of the target, on the run clock.</summary>
public sealed record CorrelatorResult(
    IReadOnlyList<TargetSample> Samples,
    IReadOnlyList<RetainedMark> Retained,
    IReadOnlyList<TimelineEvent> Events,
    IReadOnlyList<string> Notes,
    bool IsDotNet);
