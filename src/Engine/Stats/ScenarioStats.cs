namespace LoadLeak.Engine.Stats;

/// <summary>Latency percentiles in milliseconds.</summary>
public sealed record LatencySummary(
    double P50, double P75, double P90, double P95, double P99, double P999,
    double Max, double Mean, double StdDev)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0, 0, 0, 0, 0);
}

public sealed record ErrorCount(string StatusCode, string Message, long Count);

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

/// <summary>One scenario's figures for one reporting interval. T is the interval's end, in run seconds.</summary>
public sealed record IntervalRow(
    double T,
    string Scenario,
    string Phase,
    long Ok,
    long Fail,
    double Rps,
    LatencySummary Latency,
    LatencySummary LatencyUncorrected,
    int Concurrency,
    double TargetRate,
    long Late,
    long Dropped,
    long BytesReceived);
