using LoadLeak.Correlator.Comparing;
using LoadLeak.Results;

namespace LoadLeak.Tests.Correlator.Comparing;

public sealed class WelchTestTests
{
    private const int Simulations = 400;

    [Fact]
    public void Identical_distributions_are_called_different_in_at_most_5_percent_of_comparisons()
    {
        var random = new Random(17);
        var falseAlarms = 0;
        for (var i = 0; i < Simulations; i++)
        {
            var a = Sample(random, 1000, 30, 5);
            var b = Sample(random, 1000, 30, 5);
            if (Compare(a, b).Outcome is ComparisonOutcome.Better or ComparisonOutcome.Worse) falseAlarms++;
        }
        Assert.InRange(falseAlarms, 0, Simulations * 5 / 100);
        // A test that never fires would pass the above: at α = 0.05 about 20 of 400 should.
        Assert.InRange(falseAlarms, 5, Simulations * 5 / 100);
    }

    [Fact]
    public void Unequal_spreads_and_run_counts_keep_the_false_positive_rate()
    {
        var random = new Random(23);
        var falseAlarms = Enumerable.Range(0, Simulations)
            .Count(_ => Compare(Sample(random, 50, 1, 3), Sample(random, 50, 8, 6)).Outcome is ComparisonOutcome.Better or ComparisonOutcome.Worse);
        Assert.InRange(falseAlarms, 0, Simulations * 5 / 100);
    }

    [Fact]
    public void A_real_shift_is_detected_in_the_direction_that_matters()
    {
        var random = new Random(5);
        // rps: higher is better. A shift of two standard deviations over 5 runs each has ~80 % power.
        var outcomes = Enumerable.Range(0, Simulations)
            .Select(_ => Compare(Sample(random, 1000, 30, 5), Sample(random, 1060, 30, 5)).Outcome).ToArray();
        Assert.True(outcomes.Count(o => o == ComparisonOutcome.Better) >= Simulations * 70 / 100,
            $"{outcomes.Count(o => o == ComparisonOutcome.Better)} of {Simulations} detected");
        Assert.DoesNotContain(ComparisonOutcome.Worse, outcomes);

        var slower = Compare(Sample(random, 1000, 10, 5), Sample(random, 800, 10, 5));
        Assert.Equal(ComparisonOutcome.Worse, slower.Outcome);
        Assert.Equal(WelchTest.Name, slower.Test);
        Assert.InRange(-200.0, slower.DifferenceLow!.Value - 20, slower.DifferenceHigh!.Value + 20);
        Assert.True(slower.DifferenceHigh < 0);
    }

    [Fact]
    public void The_interval_and_p_value_match_a_textbook_case()
    {
        // Two samples of 10 with sd 1 and means 0 and 1: se = √0.2, df = 18, t = 2.236, p ≈ 0.038, t(0.975, 18) = 2.1009.
        var r = WelchTest.Run(0, 1, 10, 1, 1, 10);
        Assert.Equal(18, r.DegreesOfFreedom, 6);
        Assert.Equal(0.0381, r.PValue, 3);
        Assert.Equal(1 - 2.1009 * Math.Sqrt(0.2), r.Low, 3);
        Assert.Equal(1 + 2.1009 * Math.Sqrt(0.2), r.High, 3);
    }

    [Fact]
    public void Within_noise_says_how_many_repeats_would_resolve_the_difference()
    {
        var c = Compare(Summary(1000, 30, 2), Summary(1020, 30, 2));
        Assert.Equal(ComparisonOutcome.WithinNoise, c.Outcome);
        Assert.NotNull(c.RepeatsToResolve);
        var n = c.RepeatsToResolve!.Value;
        // Normal approximation: 2 · (1.96 + 0.84)² · 30² / 20² ≈ 35.3; t quantiles add a little.
        Assert.InRange(n, 36, 40);
        // With that many runs the same difference is significant.
        Assert.Equal(ComparisonOutcome.Better, Compare(Summary(1000, 30, n), Summary(1020, 30, n)).Outcome);
        Assert.Null(WelchTest.RepeatsToResolve(30, 30, 0.01));
    }

    [Fact]
    public void One_run_a_side_has_no_noise_to_test_against()
    {
        var c = Compare(Summary(1000, null, 1), Summary(2000, null, 1));
        Assert.Equal(ComparisonOutcome.UnknownNoise, c.Outcome);
        Assert.Equal(ComparisonVerdict.UnknownNoise, c.Verdict);
        Assert.Equal(1000, c.Difference);
        Assert.Null(c.Test);
    }

    private static MetricComparison Compare(MetricSummary a, MetricSummary b) =>
        CandidateComparer.Compare(
            new CandidateSummary { Name = "a", Command = "a", Metrics = Metrics(a) },
            [new CandidateSummary { Name = "b", Command = "b", Metrics = Metrics(b) }]).Single(c => c.Metric == "rps");

    private static Dictionary<string, MetricSummary> Metrics(MetricSummary rps) =>
        CompareMetrics.All.ToDictionary(m => m.Name, m => m.Name == "rps" ? rps : new MetricSummary(null, null, 0));

    private static MetricSummary Sample(Random random, double mean, double sd, int n)
    {
        var values = Enumerable.Range(0, n).Select(_ => mean + sd * Gaussian(random)).ToArray();
        var m = values.Average();
        return new(m, Math.Sqrt(values.Sum(v => (v - m) * (v - m)) / (n - 1)), n);
    }

    private static MetricSummary Summary(double mean, double? sd, int n) => new(mean, sd, n);

    /// <summary>Box-Muller: a standard normal from two uniforms of the seeded generator.</summary>
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
