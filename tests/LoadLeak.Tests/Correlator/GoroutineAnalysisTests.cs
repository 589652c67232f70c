using LoadLeak.Correlator.Analysis;
using LoadLeak.Results;
using static LoadLeak.Tests.Correlator.SyntheticRun;

namespace LoadLeak.Tests.Correlator;

public class GoroutineAnalysisTests
{
    /// <summary>warm-up 0–10 s, peak 10–70 s at 1,000 req/s, a 2 s ramp-down to 200, cool-down 72–82 s at 20 req/s.</summary>
    private static SyntheticRun GoRun() => new SyntheticRun()
        .Phase("warmup", PhaseKind.WarmUp, 0, 10, 100)
        .Phase("peak", PhaseKind.Load, 10, 70, 1000)
        .Phase("ramp-down", PhaseKind.Load, 70, 72, 200)
        .Phase("cool-down", PhaseKind.Load, 72, 82, 20);

    /// <summary>One goroutine per <paramref name="every"/> requests never exits; connections add a few that come and go.</summary>
    private static double Goroutines(double t, double idle, int every, Noise noise) =>
        idle + Math.Round(noise.Gaussian() * 3) + (t <= 10 ? 0 : Math.Min(t - 10, 60) * 1000 / every + Math.Max(0, t - 70) * 20 / every);

    [Fact]
    public void A_leak_on_one_request_in_50_at_1000_per_second_is_caught_in_60_s_with_its_count_per_request()
    {
        var noise = new Noise(11);
        var result = GoRun()
            .Samples((t, s) => s with { Goroutines = Goroutines(t, 30, 50, noise), GcHeapBytes = 4 * Mb + noise.Gaussian() * 100_000 })
            .Analyze();

        var finding = Assert.Single(result.Leak.Findings, f => f.Resource == LeakResource.Goroutines);
        Assert.True(finding.IsLeak, finding.Summary);
        Assert.Equal(LeakVerdict.Leak, result.Leak.Verdict);
        Assert.Equal("peak", finding.Phase);
        Assert.InRange(finding.SlopePerRequest!.Value, 0.015, 0.025);
        Assert.Contains("0.02 goroutine per http request", finding.Summary, StringComparison.Ordinal);
        Assert.False(finding.Recovered);
        Assert.Contains(result.Attribution, a => a.Phase == "peak" && a.GoroutinesDelta > 1000);
    }

    [Fact]
    public void Goroutine_growth_is_judged_against_the_count_when_the_load_began()
    {
        var noise = new Noise(5);
        // +360 goroutines over the run: a leak for a service idling at 30, noise for one idling at 10,000.
        var small = GoRun().Samples((t, s) => s with { Goroutines = Goroutines(t, 30, 170, noise) }).Analyze();
        var large = GoRun().Samples((t, s) => s with { Goroutines = Goroutines(t, 10_000, 170, noise) }).Analyze();

        Assert.True(small.Leak.Findings.Single(f => f.Resource == LeakResource.Goroutines).IsLeak);
        var finding = large.Leak.Findings.Single(f => f.Resource == LeakResource.Goroutines);
        Assert.False(finding.IsLeak, finding.Summary);
        Assert.Contains("below 1000", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ramp_down_where_a_lagging_series_catches_up_is_not_blamed_for_the_peak_phase_growth()
    {
        var noise = new Noise(2);
        // RSS grows 0.3 MB/s through the peak and catches up 4 MB/s in the 2 s ramp-down (Go's RSS trails its GC).
        static double Rss(double t) => 20 * Mb + Math.Clamp(t - 10, 0, 60) * 0.3 * Mb + Math.Clamp(t - 70, 0, 2) * 4 * Mb;
        var result = GoRun().Samples((t, s) => s with { RssBytes = Rss(t) + noise.Gaussian() * 50_000 }).Analyze();

        var rss = Assert.Single(result.Leak.Findings, f => f.Resource == LeakResource.Rss);
        Assert.True(rss.IsLeak, rss.Summary);
        Assert.Equal("peak", rss.Phase);
    }
}
