namespace LoadLeak.Results;

/// <summary>Latency percentiles in milliseconds.</summary>
public sealed record LatencySummary(
    [property: Round3] double P50,
    [property: Round3] double P75,
    [property: Round3] double P90,
    [property: Round3] double P95,
    [property: Round3] double P99,
    [property: Round3] double P999,
    [property: Round3] double Max,
    [property: Round3] double Mean,
    [property: Round3] double StdDev)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
