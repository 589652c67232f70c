using LoadLeak.Correlator.Analysis;
using LoadLeak.Results;
using static LoadLeak.Tests.Correlator.SyntheticRun;

namespace LoadLeak.Tests.Correlator;

public class LeakAnalyzerTests
{
    private const double Base = 50 * Mb;

    /// <summary>Heap growing 10 KB/s in ramp-1 and 30 KB/s in ramp-2, kept through cool-down.</summary>
    private static double LinearLeak(double t) =>
        t <= 60 ? Base : t <= 300 ? Base + (t - 60) * 10_000 : Base + 240 * 10_000 + (Math.Min(t, 600) - 300) * 30_000;

    [Fact]
    public void Linear_growth_is_a_leak_attributed_to_the_steepest_phase()
    {
        var noise = new Noise(7);
        var result = Standard()
            .Samples((t, s) => s with { PostGcHeapBytes = LinearLeak(t) + noise.Gaussian() * 300_000, RssBytes = 120 * Mb, OsThreads = 20 })
            .Mark(60.2, "warmup", Base).Mark(700.3, "cool-down", LinearLeak(700))
            .Analyze();

        Assert.Equal(LeakVerdict.Leak, result.Leak.Verdict);
        var heap = Assert.Single(result.Leak.Findings, f => f.Resource == LeakResource.Heap);
        Assert.True(heap.IsLeak, heap.Summary);
        Assert.Equal("ramp-2", heap.Phase);
        Assert.Equal("http", heap.Scenario);
        Assert.False(heap.Recovered);
        Assert.True(heap.Confidence > 0.99, heap.Summary);
        Assert.InRange(heap.Slope, 15_000, 30_000);
        Assert.InRange(heap.GrowthTotal!.Value, 8 * Mb, 14 * Mb);
        Assert.NotNull(heap.SlopePerRequest);
        Assert.StartsWith("LEAK", heap.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Leak.Findings, f => f.Resource != LeakResource.Heap && f.IsLeak);
    }

    [Fact]
    public void Autocorrelated_noise_without_trend_is_not_a_leak()
    {
        for (var seed = 1; seed <= 10; seed++)
        {
            var noise = new Noise(seed);
            var result = Standard()
                .Samples((_, s) => s with { PostGcHeapBytes = Base + noise.Ar1(0.95, 3 * Mb), OsThreads = 30 + Math.Round(noise.Ar1(0.9, 2)) })
                .Analyze();
            Assert.Equal(LeakVerdict.NoLeak, result.Leak.Verdict);
        }
    }

    [Fact]
    public void A_cache_that_fills_then_plateaus_is_not_a_leak()
    {
        var noise = new Noise(3);
        var run = Standard()
            .Samples((t, s) => s with
            {
                PostGcHeapBytes = Base + (t <= 60 ? 0 : 40 * Mb * (1 - Math.Exp(-(t - 60) / 40))) + noise.Gaussian() * 200_000
            });
        var result = run.Analyze();

        var heap = Assert.Single(result.Leak.Findings);
        Assert.False(heap.IsLeak, heap.Summary);
        Assert.Equal(LeakVerdict.NoLeak, result.Leak.Verdict);

        // Even when the fill passes as a significant rise, the flat second half clears it.
        var lenient = LeakAnalyzer.Analyze(run.Input(LeakOptions.Default with { MinConfidence = 0.5 }));
        var judged = Assert.Single(lenient.Leak.Findings);
        Assert.True(judged.Confidence > 0.5, judged.Summary);
        Assert.False(judged.IsLeak, judged.Summary);
        Assert.Contains("flattens", judged.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sawtooth_heap_is_not_a_leak()
    {
        var noise = new Noise(11);
        double Saw(double t) => Base + (t % 20) / 20 * 100 * Mb;
        var withPostGc = Standard()
            .Samples((t, s) => s with { GcHeapBytes = Saw(t), PostGcHeapBytes = Base + noise.Gaussian() * 500_000 })
            .Analyze();
        Assert.Equal(LeakVerdict.NoLeak, withPostGc.Leak.Verdict);

        // Without a post-GC series the floor of the sawtooth is judged, not its peaks.
        var floorOnly = Standard().Samples((t, s) => s with { GcHeapBytes = Saw(t) + Math.Abs(noise.Gaussian()) * 100_000 }).Analyze();
        var heap = Assert.Single(floorOnly.Leak.Findings);
        Assert.Contains("GC heap floor", heap.Summary, StringComparison.Ordinal);
        Assert.False(heap.IsLeak, heap.Summary);
    }

    [Fact]
    public void Growth_during_warm_up_only_is_not_a_leak()
    {
        var noise = new Noise(5);
        var result = Standard()
            .Samples((t, s) => s with { PostGcHeapBytes = (t <= 60 ? 10 * Mb + t * 1.2 * Mb : 82 * Mb) + noise.Gaussian() * 200_000 })
            .Analyze();
        Assert.Equal(LeakVerdict.NoLeak, result.Leak.Verdict);
        Assert.False(Assert.Single(result.Leak.Findings).IsLeak);
    }

    [Fact]
    public void Growth_that_goes_away_after_cool_down_and_a_full_gc_is_recovered_not_a_leak()
    {
        var noise = new Noise(9);
        var run = Standard()
            .Samples((t, s) => s with { PostGcHeapBytes = (t < 600 ? LinearLeak(t) : Base + 1 * Mb) + noise.Gaussian() * 300_000 })
            .Mark(60.2, "warmup", Base);
        var recovered = run.Mark(700.4, "cool-down", Base + 1 * Mb).Analyze();
        var heap = Assert.Single(recovered.Leak.Findings);
        Assert.True(heap.Recovered);
        Assert.False(heap.IsLeak);
        Assert.Contains("recovered", heap.Summary, StringComparison.Ordinal);

        var tolerance = LeakAnalyzer.Analyze(run.Input(LeakOptions.Default with { RecoveryTolerance = 0, MinHeapGrowthBytes = 0.5 * Mb }));
        Assert.False(Assert.Single(tolerance.Leak.Findings).Recovered);
    }

    [Fact]
    public void Thread_growth_is_a_leak_of_threads()
    {
        var result = Standard()
            .Samples((t, s) => s with { PostGcHeapBytes = Base, OsThreads = 20 + Math.Floor(Math.Max(0, t - 60) / 10) })
            .Analyze();
        Assert.Equal(LeakVerdict.Leak, result.Leak.Verdict);
        var threads = Assert.Single(result.Leak.Findings, f => f.IsLeak);
        Assert.Equal(LeakResource.Threads, threads.Resource);
        Assert.InRange(threads.Slope, 0.08, 0.12);
    }

    [Fact]
    public void Too_few_samples_is_inconclusive_with_a_note()
    {
        var result = new SyntheticRun()
            .Phase("warmup", PhaseKind.WarmUp, 0, 5, 10)
            .Phase("load", PhaseKind.Load, 5, 20, 100)
            .Samples((t, s) => s with { PostGcHeapBytes = Base + t * Mb })
            .Analyze();
        Assert.Equal(LeakVerdict.Inconclusive, result.Leak.Verdict);
        Assert.Empty(result.Leak.Findings);
        Assert.Contains(result.Leak.Notes, n => n.Contains("not tested", StringComparison.Ordinal));
    }

    [Fact]
    public void Attribution_reports_deltas_requests_and_gc_share_per_phase()
    {
        var result = Standard()
            .Samples((t, s) => s with
            {
                PostGcHeapBytes = LinearLeak(t),
                GcHeapBytes = LinearLeak(t) + 10 * Mb,
                OsThreads = t < 300 ? 20 : 25,
                GcPauseMs = 10,
                AllocRateBytesPerSec = 1e6
            })
            .Mark(300.2, "ramp-2", LinearLeak(300)).Mark(600.3, "cool-down", LinearLeak(600))
            .Analyze();
        var ramp2 = Assert.Single(result.Attribution, a => a.Phase == "ramp-2");
        Assert.Equal(300 * 200, ramp2.Requests);
        Assert.Equal(300 * 30_000, ramp2.RetainedDeltaBytes!.Value, 0);
        Assert.Null(ramp2.RetainedReading);
        // No forced-GC reading at 60 s: ramp-1 has no retained Δ, although the post-GC counter has readings there.
        Assert.Null(Assert.Single(result.Attribution, a => a.Phase == "ramp-1").RetainedDeltaBytes);
        Assert.Equal(300 * 30_000, ramp2.HeapDeltaBytes!.Value, 0);
        Assert.Equal(0, ramp2.ThreadsDelta);
        Assert.Equal(5, Assert.Single(result.Attribution, a => a.Phase == "ramp-1").ThreadsDelta);
        Assert.Equal(0.01, ramp2.GcPauseShare!.Value, 3);
        Assert.Equal(1e6, ramp2.AllocRateBytesPerSec);
        Assert.Null(ramp2.RssDeltaBytes);
        Assert.Equal(4, result.Attribution.Count);
    }
}
