using LoadLeak.Results;

namespace LoadLeak.Correlator.Comparing;

/// <summary>
/// Candidates side by side: each metric's mean over the repeats, the difference to the baseline (in % and
/// in the metric's unit, with a 95 % confidence interval), and whether it is better, worse or within
/// run-to-run noise by Welch's t-test on the per-run means. With one run a side, the metrics that have
/// per-second values are tested on those instead (<see cref="PairedSecondsTest"/>).
/// </summary>
public static class CandidateComparer
{
    public static (IReadOnlyDictionary<string, MetricSummary> Metrics, IReadOnlyList<LeakVerdict> Verdicts,
        IReadOnlyDictionary<string, IReadOnlyList<double>>? PerSecond) Summarize(IReadOnlyList<RunDocument> runs)
    {
        var extracted = runs.Select(RunMetricsExtractor.Extract).ToArray();
        var metrics = CompareMetrics.All.ToDictionary(m => m.Name, m => Stats(extracted.Select(e => e[m.Name])));
        return (metrics, runs.Select(r => r.Leak.Verdict).ToArray(), runs.Count == 1 ? PerSecondSeries.Extract(runs[0]) : null);
    }

    public static IReadOnlyList<MetricComparison> Compare(CandidateSummary baseline, IReadOnlyList<CandidateSummary> others) =>
        others.SelectMany(candidate => CompareMetrics.All.Select(metric => Compare(metric, baseline, candidate))).ToArray();

    private static MetricComparison Compare(ComparedMetric metric, CandidateSummary baseline, CandidateSummary candidate)
    {
        var better = metric.HigherIsBetter ? Better.Higher : Better.Lower;
        var a = baseline.Metrics[metric.Name];
        var b = candidate.Metrics[metric.Name];
        if (a.Mean is not { } baseMean || b.Mean is not { } candMean)
            return new(metric.Name, metric.Unit, better, candidate.Name, null, null, ComparisonVerdict.NotApplicable)
            {
                Outcome = ComparisonOutcome.NotApplicable,
            };
        var diff = baseMean == 0 ? (candMean == 0 ? 0 : (double?)null) : (candMean - baseMean) / Math.Abs(baseMean) * 100;
        var noise = Noise(a) is { } na && Noise(b) is { } nb ? Math.Max(na, nb) : (double?)null;
        var welch = WelchTest.Run(a, b);
        var test = WelchTest.Name;
        if (welch is null && baseline.PerSecond?.GetValueOrDefault(metric.Name) is { } seriesA
                          && candidate.PerSecond?.GetValueOrDefault(metric.Name) is { } seriesB
                          && PairedSecondsTest.Run(seriesA, seriesB) is { } paired)
        {
            // Difference and interval are then the seconds' (a run's p99 is not its seconds' mean, so they may differ a little).
            welch = paired;
            test = PairedSecondsTest.Name;
        }
        // The older rule (twice the larger coefficient of variation), kept as it was for scripts reading compare.json.
        var verdict = diff is null ? ComparisonVerdict.NotApplicable
            : noise is null ? ComparisonVerdict.UnknownNoise
            : Math.Abs(diff.Value) > 2 * noise.Value ? ComparisonVerdict.Significant : ComparisonVerdict.WithinNoise;
        var outcome = welch is null ? ComparisonOutcome.UnknownNoise
            : !welch.Significant ? ComparisonOutcome.WithinNoise
            : welch.Difference > 0 == metric.HigherIsBetter ? ComparisonOutcome.Better : ComparisonOutcome.Worse;
        return new(metric.Name, metric.Unit, better, candidate.Name, Round(diff), Round(noise), verdict)
        {
            Test = welch is null ? null : test,
            Difference = Round(test == PairedSecondsTest.Name ? welch!.Difference : candMean - baseMean),
            DifferenceLow = Round(welch?.Low),
            DifferenceHigh = Round(welch?.High),
            PValue = welch is null ? null : Math.Round(welch.PValue, 6),
            Outcome = outcome,
            RepeatsToResolve = outcome == ComparisonOutcome.WithinNoise && test == WelchTest.Name
                ? WelchTest.RepeatsToResolve(a.StdDev!.Value, b.StdDev!.Value, candMean - baseMean)
                : null,
        };
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
