namespace LoadLeak.Engine.Stats;

/// <summary>A scenario's totals over the measured (non-warm-up) part of the run.</summary>
public sealed record ScenarioStats(
    string Name,
    long Ok,
    long Fail,
    double Rps,
    double DurationSeconds,
    LatencySummary Latency,
    LatencySummary LatencyUncorrected,
    IReadOnlyDictionary<string, long> StatusCodes,
    IReadOnlyList<ErrorCount> Errors,
    long BytesReceived,
    long Late,
    long Dropped)
{
    public long Total => Ok + Fail;
    public double FailPercent => Total == 0 ? 0 : 100.0 * Fail / Total;

    /// <summary>Per-step totals (<see cref="Scenarios.Step.Run"/>), in the order the steps first ran; empty without steps.</summary>
    public IReadOnlyList<StepStats> Steps { get; init; } = [];

    /// <summary>Why the scenario stopped before its load simulations ended (e.g. MaxFailCount); null if it ran to the end.</summary>
    public string? StopReason { get; init; }
}
