using LoadLeak.Correlator.Analysis;
using LoadLeak.Results;

namespace LoadLeak.Tests.Correlator;

/// <summary>Issue 17: "confidence 0.950 &lt; 0.95" when the value was 0.94997.</summary>
public class FindingTextTests
{
    private static LeakFinding Build(LeakResource resource, double confidence, double slope, double growth)
    {
        var input = SyntheticRun.Standard().Input();
        var windows = new RunWindows(60, 600, 600, 700);
        var test = new MannKendallResult(100, 10, 100, 1, 1.96, 1 - confidence, 0.2);
        var trend = new TrendEvidence(resource, "test", test, slope, slope, growth, 100, 100, 60, 600);
        var series = new ResourceSeries(resource, "test", [new SeriesPoint(60, 20), new SeriesPoint(600, 20 + growth)], false, 540);
        return new FindingBuilder(input, windows).Build(trend, series, null, new RequestRegressor.Outcome([], null));
    }

    [Fact]
    public void Confidence_just_below_the_limit_keeps_the_digits_that_make_it_below()
    {
        var finding = Build(LeakResource.Threads, 0.94997, 0.05, 27);

        Assert.Contains("confidence 0.94997 < 0.95", finding.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("0.950", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Growth_just_below_the_minimum_keeps_the_digits_that_make_it_below()
    {
        var finding = Build(LeakResource.Threads, 0.999, 0.05, 9.96);

        Assert.Contains("growth 9.96 below 10", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Memory_growth_just_below_the_minimum_keeps_the_digits_that_make_it_below()
    {
        var finding = Build(LeakResource.Heap, 0.999, 1000, 4.96 * SyntheticRun.Mb);

        Assert.Contains("growth 4.96 MB below 5.00 MB", finding.Summary, StringComparison.Ordinal);
    }
}
