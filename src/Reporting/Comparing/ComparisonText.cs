using LoadLeak.Results;

namespace LoadLeak.Reporting.Comparing;

/// <summary>The cells of a metric comparison, worded once for compare.md and compare.html.</summary>
internal static class ComparisonText
{
    private const double Alpha = 0.05;

    public const string Method =
        "Verdict: Welch's t-test on the per-run means, two-sided, α = 0.05; the interval is the 95 % confidence interval of " +
        "candidate − baseline. Within noise: how many runs per candidate would detect a difference of that size (80 % power) " +
        "at the spread seen. One run a side: rps, p50 and p99 are compared second by second (paired t on the per-second " +
        "differences, on the effective number of independent seconds: autocorrelation accounted for); the rest is unknown-noise.";

    /// <summary>"1,000 ± 30 (n=5)": the mean over the repeats and the run-to-run standard deviation.</summary>
    public static string Value(CandidateSummary candidate, string metric) =>
        candidate.Metrics.TryGetValue(metric, out var v) && v.Mean is not null
            ? CompareWriter.Format(v.Mean) + (v.StdDev is { } sd ? " ± " + CompareWriter.Format(sd) : "") + $" (n={v.Count})"
            : "–";

    /// <summary>"+60 [+12, +108] (+6.0 %)": the difference in the metric's unit, its interval and the relative change.</summary>
    public static string Difference(MetricComparison c)
    {
        if (c.Difference is not { } d) return "–";
        var text = Signed(d);
        if (c.DifferenceLow is { } low && c.DifferenceHigh is { } high) text += $" [{Signed(low)}, {Signed(high)}]";
        return c.DiffPercent is null ? text : text + $" ({CompareWriter.Percent(c.DiffPercent)})";
    }

    public static string Verdict(MetricComparison c) => c.Outcome switch
    {
        ComparisonOutcome.WithinNoise => "within-noise" + (c.RepeatsToResolve is { } n
            ? $": {n} runs each would resolve it"
            : c.Difference is 0 || c.Test != "welch-t" ? "" : ": more than 1000 runs each would be needed"),
        { } o => o.ToJsonName() + (c.PValue is { } p && o is ComparisonOutcome.Better or ComparisonOutcome.Worse ? $" ({P(p)})" : ""),
        null => c.Verdict.ToJsonName(),
    };

    /// <summary>The comparisons of every non-baseline candidate, in candidate order, one per metric.</summary>
    public static IEnumerable<(CandidateSummary Candidate, MetricComparison Comparison)> Of(CompareDocument doc) =>
        doc.Candidates.Where(c => c.Name != doc.Baseline)
            .SelectMany(c => doc.Comparisons.Where(x => x.Candidate == c.Name).Select(x => (c, x)));

    private static string Signed(double v) => CompareWriter.Format(v) is "0" or "-0" ? "0" : (v > 0 ? "+" : "") + CompareWriter.Format(v);

    /// <summary>Never rounded across α: 0.04996 is "p < 0.05", not "p = 0.05" beside a significant verdict.</summary>
    private static string P(double p)
    {
        var rounded = Math.Round(p, 3);
        return p < 0.001 ? "p < 0.001"
            : p < Alpha && rounded >= Alpha ? $"p < {Alpha.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
            : "p = " + rounded.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
    }
}
