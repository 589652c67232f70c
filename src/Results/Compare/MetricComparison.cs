using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>One metric of one candidate against the baseline.</summary>
/// <param name="NoisePercent">Run-to-run noise (coefficient of variation, %) of the noisier of the two; null with one run each.</param>
/// <param name="Verdict">The older rule: significant when the difference exceeds twice the noise. <see cref="Outcome"/> is the test's.</param>
public sealed record MetricComparison(
    string Metric,
    string Unit,
    Better Better,
    string Candidate,
    double? DiffPercent,
    double? NoisePercent,
    ComparisonVerdict Verdict)
{
    /// <summary>The test on the per-run means: "welch-t" (two-sided, α = 0.05).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Test { get; init; }

    /// <summary>Candidate mean minus baseline mean, in <see cref="Unit"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Difference { get; init; }

    /// <summary>Lower bound of the 95 % confidence interval of <see cref="Difference"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DifferenceLow { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DifferenceHigh { get; init; }

    /// <summary>Two-sided p-value of <see cref="Test"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? PValue { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ComparisonOutcome? Outcome { get; init; }

    /// <summary>Within noise: runs per candidate that would detect a difference this size (80 % power); null above 1000.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? RepeatsToResolve { get; init; }
}
