using LoadLeak.Engine.Api;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;

namespace LoadLeak.Engine.Running;

/// <summary>What the engine measured. Immutable; reporters only read it. Intervals are in run-clock order.</summary>
public sealed record EngineResult(
    IReadOnlyList<PhaseRecord> Phases,
    IReadOnlyList<ScenarioStats> Scenarios,
    IReadOnlyList<IntervalRow> Intervals,
    IReadOnlyList<ThresholdResult> Thresholds,
    bool Cancelled);
