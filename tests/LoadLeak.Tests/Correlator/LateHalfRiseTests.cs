using LoadLeak.Correlator.Analysis;
using LoadLeak.Results;
using static LoadLeak.Tests.Correlator.SyntheticRun;

namespace LoadLeak.Tests.Correlator;

/// <summary>
/// The "flattens" rule on a short run shaped like the accuracy matrix (warm-up 2 s, three 8 s load phases, a pause):
/// a late half that slows but still rises significantly and by far more than the minimum growth is a leak whose
/// target slowed down; a cache that fills up and stops, or that creeps up by little, still flattens.
/// </summary>
public class LateHalfRiseTests
{
    private const double Base = 80 * Mb;
    private static readonly LeakOptions Short = LeakOptions.Default with { MinSamples = 15, MinBlockSeconds = 1 };

    private static SyntheticRun ShortRun(Func<double, double> heap, int seed)
    {
        var noise = new Noise(seed);
        return new SyntheticRun()
            .Phase("warmup", PhaseKind.WarmUp, 0, 2, 50)
            .Phase("copies-24", PhaseKind.Load, 2, 10, 3000)
            .Phase("copies-8a", PhaseKind.Load, 10, 18, 1500)
            .Phase("copies-8b", PhaseKind.Load, 18, 26, 1500)
            .Phase("pause", PhaseKind.Pause, 26, 31, 0)
            .Samples((t, s) => s with { PostGcHeapBytes = heap(Math.Min(t, 26)) + noise.Gaussian() * 5 * Mb });
    }

    /// <summary>
    /// The CI flake (pending-tasks): +1.1 GB in 25 s, confidence 0.999, but the target slowed under its own heap, so
    /// the late half rose at ~28 % of the overall rate, still ~160 MB: 90 MB/s to t = 14, then 14.5 MB/s.
    /// </summary>
    private static double SlowingLeak(double t) => t <= 2 ? Base : t <= 14 ? Base + (t - 2) * 90 * Mb : Base + 12 * 90 * Mb + (t - 14) * 14.5 * Mb;

    [Fact]
    public void A_heavy_leak_whose_late_half_slows_but_still_rises_significantly_is_a_leak()
    {
        for (var seed = 1; seed <= 5; seed++)
        {
            var result = ShortRun(SlowingLeak, seed).Analyze(Short);
            var heap = Assert.Single(result.Leak.Findings, f => f.Resource == LeakResource.Heap);
            // The shape must be the CI one, or this test would pass without the rule it guards.
            Assert.InRange(heap.GrowthTotal!.Value, 1000 * Mb, 1300 * Mb);
            Assert.True(heap.Confidence > 0.99, heap.Summary);
            var trend = TrendDetector.Detect(ResourceSeries.Of(LeakResource.Heap, ShortRun(SlowingLeak, seed).Input(Short).Samples, [],
                2, 26), Short)!;
            Assert.InRange(trend.LateSlope / trend.Slope, 0.2, Short.LateSlopeFraction);

            Assert.True(heap.IsLeak, heap.Summary);
            Assert.Equal(LeakVerdict.Leak, result.Leak.Verdict);
            Assert.DoesNotContain("flattens", heap.Summary, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_cache_that_fills_and_stops_in_a_short_run_still_flattens()
    {
        // 400 MB in the first 10 s of load, then nothing more: the late half is flat.
        static double Fill(double t) => Base + 400 * Mb * (1 - Math.Exp(-Math.Max(0, t - 2) / 3));
        for (var seed = 1; seed <= 5; seed++)
        {
            var heap = Assert.Single(ShortRun(Fill, seed).Analyze(Short with { MinConfidence = 0.5 }).Leak.Findings);
            Assert.False(heap.IsLeak, heap.Summary);
            Assert.Contains("flattens", heap.Summary, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_cache_whose_late_half_creeps_up_significantly_but_by_little_still_flattens()
    {
        // 80 MB filling with a 5 s time constant: the late half still rises significantly (noise 0.2 MB), but by
        // ~5 MB, about the minimum growth: a cache near its size, not a material rise of its own.
        static double Creep(double t) => Base + 80 * Mb * (1 - Math.Exp(-Math.Max(0, t - 2) / 5));
        for (var seed = 1; seed <= 5; seed++)
        {
            var noise = new Noise(seed);
            var run = ShortRun(Creep, seed).Samples((t, s) => s with { PostGcHeapBytes = Creep(Math.Min(t, 26)) + noise.Gaussian() * 0.2 * Mb });
            var heap = Assert.Single(run.Analyze(Short).Leak.Findings);
            Assert.True(heap.Confidence > 0.99, heap.Summary);
            Assert.False(heap.IsLeak, heap.Summary);
            Assert.Contains("flattens", heap.Summary, StringComparison.Ordinal);
        }
    }
}
