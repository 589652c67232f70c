namespace LoadLeak.Results;

/// <summary>The trend of one resource over the load.</summary>
public sealed record LeakFinding
{
    public required LeakResource Resource { get; init; }
    public string? Phase { get; init; }
    public string? Scenario { get; init; }
    /// <summary>Units per second (bytes/s for memory, count/s otherwise).</summary>
    public double Slope { get; init; }
    public double? SlopePerRequest { get; init; }
    public string Test { get; init; } = "";
    public double Statistic { get; init; }
    /// <summary>1 - p of the trend test.</summary>
    public double Confidence { get; init; }
    public double? GrowthTotal { get; init; }
    public bool? Recovered { get; init; }
    public bool IsLeak { get; init; }
    /// <summary>This resource's own answer: inconclusive when the runtime holds the rise back by design (see the summary).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public LeakVerdict? Verdict { get; init; }
    public string Summary { get; init; } = "";
}
