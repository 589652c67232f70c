using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>An agent's totals for one scenario (measured part), with the error breakdown the interval rows lack.</summary>
internal sealed record ScenarioTotals(
    string Scenario,
    long Ok,
    long Fail,
    double DurationSeconds,
    long Bytes,
    long Late,
    long Dropped,
    IReadOnlyDictionary<string, long> StatusCodes,
    IReadOnlyList<ErrorTotal> Errors,
    string? StopReason)
{
    /// <summary>The agent's own latency summary: the coordinator's fallback when interval histograms are missing.</summary>
    public LatencySummary? Latency { get; init; }

    public LatencySummary? LatencyUncorrected { get; init; }
}
