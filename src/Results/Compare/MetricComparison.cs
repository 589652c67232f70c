namespace LoadLeak.Results;

/// <summary>One metric of one candidate against the baseline.</summary>
/// <param name="NoisePercent">Run-to-run noise (coefficient of variation, %) of the noisier of the two; null with one run each.</param>
public sealed record MetricComparison(
    string Metric,
    string Unit,
    Better Better,
    string Candidate,
    double? DiffPercent,
    double? NoisePercent,
    ComparisonVerdict Verdict);
