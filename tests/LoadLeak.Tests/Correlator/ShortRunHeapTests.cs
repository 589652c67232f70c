using LoadLeak.Correlator.Analysis;
using LoadLeak.Results;
using static LoadLeak.Tests.Correlator.SyntheticRun;

namespace LoadLeak.Tests.Correlator;

/// <summary>
/// Short runs, where the post-GC counter changes only a few times: repeated readings are one
/// observation, induced full GCs join the series, and readings above a later full GC are garbage.
/// </summary>
public class ShortRunHeapTests
{
    private static readonly LeakOptions ShortRun = LeakOptions.Default with { MinSamples = 15, MinBlockSeconds = 1 };

    /// <summary>warm-up 0–3 s, three 7 s load phases, a 4 s pause.</summary>
    private static SyntheticRun Short() => new SyntheticRun()
        .Phase("warm-up", PhaseKind.WarmUp, 0, 3, 500)
        .Phase("1", PhaseKind.Load, 3, 10, 3000)
        .Phase("2", PhaseKind.Load, 10, 17, 3000)
        .Phase("3", PhaseKind.Load, 17, 24, 3000)
        .Phase("pause", PhaseKind.Pause, 24, 28, 0);

    /// <summary>The post-GC counter of a leaking heap: a GC every 3 s, the reading held in between.</summary>
    private static double Staircase(double t, double mbPerSecond) => (1 + Math.Floor(t / 3) * 3 * mbPerSecond) * Mb;

    [Fact]
    public void A_staircase_of_few_gcs_with_full_gc_marks_is_a_leak()
    {
        var run = Short().Samples((t, s) => s with { PostGcHeapBytes = Staircase(t, 5) })
            .Mark(3.1, "warm-up end", 16 * Mb).Mark(10.1, "2", 51 * Mb).Mark(17.1, "3", 86 * Mb).Mark(24.5, "pause", 121 * Mb);
        var heap = Assert.Single(run.Analyze(ShortRun).Leak.Findings, f => f.Resource == LeakResource.Heap);
        Assert.True(heap.IsLeak, heap.Summary);
        Assert.Contains("induced full GCs", heap.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_heap_that_never_changes_is_tested_and_clean_not_inconclusive()
    {
        var run = Short().Samples((t, s) => s with { PostGcHeapBytes = 16 * Mb }).Mark(3.1, "warm-up end", 16 * Mb).Mark(24.5, "pause", 16 * Mb);
        var result = run.Analyze(ShortRun);
        var heap = Assert.Single(result.Leak.Findings, f => f.Resource == LeakResource.Heap);
        Assert.False(heap.IsLeak, heap.Summary);
        Assert.Equal(LeakVerdict.NoLeak, result.Leak.Verdict);
    }

    [Fact]
    public void Readings_above_the_next_full_gc_are_garbage_not_growth()
    {
        // A full cache (25 MB) whose evicted entries pile up in gen2 between full GCs: the ephemeral
        // readings climb to 48 MB, every induced full GC finds 25 MB.
        var run = Short().Samples((t, s) => s with { PostGcHeapBytes = (25 + (t % 7) * 3.3) * Mb })
            .Mark(3.1, "warm-up end", 25 * Mb).Mark(10.1, "2", 25.2 * Mb).Mark(17.1, "3", 25.1 * Mb).Mark(24.5, "pause", 25.2 * Mb);
        var result = run.Analyze(ShortRun);
        Assert.Equal(LeakVerdict.NoLeak, result.Leak.Verdict);
    }

    [Fact]
    public void Rss_growth_of_a_dotnet_process_without_heap_growth_is_not_a_leak()
    {
        var run = Short().Samples((t, s) => s with { PostGcHeapBytes = 20 * Mb + (t % 2) * 1000, RssBytes = (100 + 4 * t) * Mb })
            .Mark(3.1, "warm-up end", 20 * Mb).Mark(24.5, "pause", 20 * Mb);
        var result = run.Analyze(ShortRun);
        var rss = Assert.Single(result.Leak.Findings, f => f.Resource == LeakResource.Rss);
        Assert.False(rss.IsLeak, rss.Summary);
        Assert.Contains("GC-committed", rss.Summary, StringComparison.Ordinal);
        Assert.Equal(LeakVerdict.NoLeak, rss.Verdict);
        Assert.Equal(LeakVerdict.NoLeak, result.Leak.Verdict);
    }

    [Fact]
    public void Rss_growth_of_a_process_without_a_heap_series_is_still_a_leak()
    {
        var run = Short().Samples((t, s) => s with { RssBytes = (100 + 4 * t) * Mb });
        var rss = Assert.Single(run.Analyze(ShortRun).Leak.Findings, f => f.Resource == LeakResource.Rss);
        Assert.True(rss.IsLeak, rss.Summary);
    }

    [Fact]
    public void Scenarios_whose_rates_differ_are_split_even_though_their_cumulative_counts_correlate()
    {
        // Both cumulative counts rise steadily (Pearson > 0.99), but http peaks first and grpc second.
        var run = new SyntheticRun()
            .Phase("warm-up", PhaseKind.WarmUp, 0, 10, 100, "http").Phase("warm-up", PhaseKind.WarmUp, 0, 10, 100, "grpc")
            .Phase("h1", PhaseKind.Load, 10, 70, 300, "http").Phase("h2", PhaseKind.Load, 70, 130, 100, "http")
            .Phase("g1", PhaseKind.Load, 10, 70, 100, "grpc").Phase("g2", PhaseKind.Load, 70, 130, 300, "grpc");
        var noise = new Noise(5);
        var result = run.Samples((t, s) => s with
        {
            PostGcHeapBytes = 10 * Mb + 2048 * run.Intervals.Where(r => r.Scenario == "grpc" && r.T <= t).Sum(r => r.Ok) + noise.Gaussian() * 50_000,
        }).Analyze();
        Assert.DoesNotContain(result.Leak.Notes, n => n.Contains("lockstep", StringComparison.Ordinal));
        Assert.InRange(Assert.Single(result.BytesPerRequest, r => r.Scenario == "grpc").BytesPerRequest, 1800, 2300);
        var heap = Assert.Single(result.Leak.Findings, f => f.Resource == LeakResource.Heap);
        Assert.Equal("grpc", heap.Scenario);
        Assert.Equal("g2", heap.Phase);
    }
}
