using LoadLeak.Results;

namespace LoadLeak.Correlator.Comparing;

/// <summary>
/// Candidates side by side: each metric's mean over the repeats, the difference to the baseline in %,
/// and whether that difference exceeds run-to-run noise (twice the larger coefficient of variation).
/// </summary>
public static class CandidateComparer
{
    public static (IReadOnlyDictionary<string, MetricSummary> Metrics, IReadOnlyList<LeakVerdict> Verdicts) Summarize(IReadOnlyList<RunDocument> runs)
    {
        var extracted = runs.Select(RunMetricsExtractor.Extract).ToArray();
        var metrics = CompareMetrics.All.ToDictionary(m => m.Name, m => Stats(extracted.Select(e => e[m.Name])));
        return (metrics, runs.Select(r => r.Leak.Verdict).ToArray());
    }

    public static IReadOnlyList<MetricComparison> Compare(CandidateSummary baseline, IReadOnlyList<CandidateSummary> others) =>
        others.SelectMany(candidate => CompareMetrics.All.Select(metric => Compare(metric, baseline, candidate))).ToArray();

    private static MetricComparison Compare(ComparedMetric metric, CandidateSummary baseline, CandidateSummary candidate)
    {
        var better = metric.HigherIsBetter ? Better.Higher : Better.Lower;
        var a = baseline.Metrics[metric.Name];
        var b = candidate.Metrics[metric.Name];
        if (a.Mean is not { } baseMean || b.Mean is not { } candMean)
            return new(metric.Name, metric.Unit, better, candidate.Name, null, null, ComparisonVerdict.NotApplicable);
        var diff = baseMean == 0 ? (candMean == 0 ? 0 : (double?)null) : (candMean - baseMean) / Math.Abs(baseMean) * 100;
        var noise = Noise(a) is { } na && Noise(b) is { } nb ? Math.Max(na, nb) : (double?)null;
        var verdict = diff is null ? ComparisonVerdict.NotApplicable
            : noise is null ? ComparisonVerdict.UnknownNoise
            : Math.Abs(diff.Value) > 2 * noise.Value ? ComparisonVerdict.Significant : ComparisonVerdict.WithinNoise;
        return new(metric.Name, metric.Unit, better, candidate.Name, Round(diff), Round(noise), verdict);
    }

    private static double? Noise(MetricSummary value) =>
        value is { Count: >= 2, Mean: { } mean, StdDev: { } sd } && mean != 0 ? sd / Math.Abs(mean) * 100 : null;

    private static MetricSummary Stats(IEnumerable<double?> values)
    {
        var present = values.Where(v => v is not null).Select(v => v!.Value).ToArray();
        if (present.Length == 0) return new(null, null, 0);
        var mean = present.Average();
        var sd = present.Length > 1 ? Math.Sqrt(present.Sum(v => (v - mean) * (v - mean)) / (present.Length - 1)) : (double?)null;
        return new(Round(mean), Round(sd), present.Length);
    }

    private static double? Round(double? v) => v is null ? null : Math.Round(v.Value, 4);
}
