using LoadLeak.Reporting.Comparing;
using LoadLeak.Results;

namespace LoadLeak.Tests.Reporting;

public sealed class CompareMarkdownTests
{
    [Fact]
    public void Each_metric_shows_its_unit_both_means_the_interval_and_a_verdict()
    {
        var md = CompareMarkdown.Render(Document(
            new MetricComparison("rps", "req/s", Better.Higher, "b", 6, 3, ComparisonVerdict.Significant)
            {
                Test = "welch-t",
                Difference = 60,
                DifferenceLow = 12,
                DifferenceHigh = 108,
                PValue = 0.04996,
                Outcome = ComparisonOutcome.Better,
            },
            new MetricComparison("p99", "ms", Better.Lower, "b", 1, 3, ComparisonVerdict.WithinNoise)
            {
                Test = "welch-t",
                Difference = 0.2,
                DifferenceLow = -0.5,
                DifferenceHigh = 0.9,
                PValue = 0.5,
                Outcome = ComparisonOutcome.WithinNoise,
                RepeatsToResolve = 37,
            }));

        Assert.Contains("| rps | req/s | 1,000 ± 30.0 (n=3) | 1,060 ± 25.0 (n=3) | +60.0 [+12.0, +108.0] (+6.0 %) | "
                        + "✅ better (p < 0.05) |", md);
        Assert.Contains("| p99 | ms | 20.0 ± 1.5 (n=3) | 20.2 ± 1.5 (n=3) | +0.2 [-0.5, +0.9] (+1.0 %) | "
                        + "within-noise: 37 runs each would resolve it |", md);
        Assert.Contains("Welch's t-test", md);
    }

    private static CompareDocument Document(params MetricComparison[] comparisons)
    {
        CandidateSummary Candidate(string name, double rps, double p99) => new()
        {
            Name = name,
            Command = name,
            Metrics = new Dictionary<string, MetricSummary> { ["rps"] = new(rps, rps == 1000 ? 30 : 25, 3), ["p99"] = new(p99, 1.5, 3) },
        };
        return new CompareDocument
        {
            Baseline = "a",
            Repeat = 3,
            Candidates = [Candidate("a", 1000, 20), Candidate("b", 1060, 20.2)],
            Comparisons = comparisons,
        };
    }
}
