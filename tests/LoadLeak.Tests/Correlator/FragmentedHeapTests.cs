using LoadLeak.Correlator.Analysis;
using LoadLeak.Results;

namespace LoadLeak.Tests.Correlator;

/// <summary>
/// A leak on a fragmented heap: the post-GC counter reports the heap with its free space, the induced full GCs the
/// live bytes, so every reading before a boundary exceeds the next full GC's count. Those readings say nothing about
/// what was retained; if they stood in the series as that count, a steady leak would pose as a plateau.
/// </summary>
public class FragmentedHeapTests
{
    private const double Mb = SyntheticRun.Mb;

    // static-cache at a fixed 9,000 req/s (accuracy matrix, session 11): post-GC counter by second, in bytes.
    private static readonly double[] PostGc =
    [
        12631152, 30024392, 48198720, 115889760, 150890936, 150890936, 220276696, 249667152, 249667152, 223064816,
        291373520, 320682176, 320682176, 392334168, 418663224, 485749280, 498565256, 535472336, 602560560, 602560560,
        638023032, 705114032, 740482216, 748421256, 748421256, 748421256,
    ];

    private static SyntheticRun StaticCacheRun() => new SyntheticRun()
        .Phase("warmup", PhaseKind.WarmUp, 0, 2, 9000)
        .Phase("inject-1", PhaseKind.Load, 2, 9, 9000)
        .Phase("inject-2", PhaseKind.Load, 9, 16, 9000)
        .Phase("inject-3", PhaseKind.Load, 16, 23, 10000)
        .Phase("pause", PhaseKind.Pause, 23, 28, 0)
        .Samples((t, s) => s with { PostGcHeapBytes = t >= 3 ? PostGc[(int)t - 3] : null })
        .Mark(2.305, "before inject-1", 46371568, heapSize: 48198720)
        .Mark(9.305, "before inject-2", 220195208, heapSize: 223064816)
        .Mark(16.266, "before inject-3", 393723496, heapSize: 498565256)
        .Mark(23.309, "before pause", 580339840, heapSize: 748421256)
        .Mark(27.387, "end", 578159616, "after-load", heapSize: 749624656);

    [Fact]
    public void Readings_above_the_next_full_GC_are_dropped_not_repeated_as_its_value()
    {
        var input = StaticCacheRun().Input();
        var series = ResourceSeries.Of(LeakResource.Heap, input.Samples, input.Retained, 2, 23);
        var lastMark = input.Retained.Single(m => m.T == 23.309).HeapBytes;
        // Only the mark itself may carry the last full GC's value: a run of it is the fake plateau.
        Assert.Single(series.Points, p => p.Value == lastMark);
        Assert.All(series.Points.Zip(series.Points.Skip(1)),
            pair => Assert.True(pair.Second.Value != pair.First.Value, $"repeat at {pair.Second.T}"));
    }

    [Fact]
    public void A_steady_leak_on_a_fragmented_heap_does_not_flatten()
    {
        var options = LeakOptions.Default with { MinSamples = 15, MinBlockSeconds = 1 };
        var heap = Assert.Single(StaticCacheRun().Analyze(options).Leak.Findings, f => f.Resource == LeakResource.Heap);
        Assert.InRange(heap.GrowthTotal!.Value, 450 * Mb, 650 * Mb);
        Assert.DoesNotContain("flattens", heap.Summary, StringComparison.Ordinal);
        Assert.True(heap.IsLeak, heap.Summary);
    }
}
