using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>
/// One scenario's figures for one reporting interval on one agent. T is the interval's end in run seconds
/// (the agents' run clocks start together with the coordinator's). The latency histograms are HdrHistogram's
/// own compressed encoding in base64, so the coordinator merges them without loss; null when the agent had none.
/// </summary>
internal sealed record IntervalStats(
    long Seq,
    string Scenario,
    double T,
    string Phase,
    long Ok,
    long Fail,
    long Bytes,
    long Late,
    long Dropped,
    int Concurrency,
    double TargetRate,
    double Rps,
    string? Corrected,
    string? Uncorrected) : ClusterMessage
{
    /// <summary>The agent's own interval percentiles (ms): the coordinator's fallback when the histograms are missing.</summary>
    public double? P50Ms { get; init; }

    public double? P99Ms { get; init; }

    public double? P99UncorrectedMs { get; init; }
}
