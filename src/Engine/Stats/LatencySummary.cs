namespace LoadLeak.Engine.Stats;

/// <summary>Latency percentiles in milliseconds.</summary>
public sealed record LatencySummary(
    double P50, double P75, double P90, double P95, double P99, double P999,
    double Max, double Mean, double StdDev)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
