using LoadLeak.Correlator.Analysis;
using LoadLeak.Engine.Running;
using LoadLeak.Results;

namespace LoadLeak.Tests.Correlator;

public class PostGcLagTests
{
    [Fact]
    public void The_lag_is_the_median_delay_until_the_counter_repeats_an_induced_gc()
    {
        var marks = new[] { new RetainedMark(2.4, "a", 10e6, "b"), new RetainedMark(9.4, "b", 50e6, "b"), new RetainedMark(16.3, "c", 90e6, "b") };
        var readings = new[] { new SeriesPoint(3, 8e6), new SeriesPoint(5, 10e6), new SeriesPoint(12, 50e6), new SeriesPoint(18, 90e6),
            new SeriesPoint(19, 90e6) };
        Assert.Equal(2.6, PostGcLag.Estimate(readings, marks), 6);
    }

    /// <summary>The counter reports the heap with its free space; the mark's retained bytes leave that out, so the
    /// counter is matched on the mark's heap size.</summary>
    [Fact]
    public void The_counter_is_matched_on_the_heap_size_free_space_included_not_on_the_bytes_that_survived()
    {
        var marks = new[]
        {
            new RetainedMark(2.4, "a", 10e6, "b") { HeapSizeBytes = 12e6 }, new RetainedMark(9.4, "b", 50e6, "b") { HeapSizeBytes = 53e6 },
        };
        var readings = new[] { new SeriesPoint(4, 10e6), new SeriesPoint(5, 12e6), new SeriesPoint(11, 50e6), new SeriesPoint(12, 53e6) };
        Assert.Equal(2.6, PostGcLag.Estimate(readings, marks), 6);
    }

    [Fact]
    public void Without_a_repeated_value_there_is_no_lag()
    {
        var marks = new[] { new RetainedMark(2.4, "a", 10e6, "b") };
        Assert.Equal(0, PostGcLag.Estimate([new SeriesPoint(5, 11e6)], marks));
        // A repeat far later is another GC that happened to find the same heap, not this one.
        Assert.Equal(0, PostGcLag.Estimate([new SeriesPoint(2.4 + PostGcLag.MaxLagSeconds + 1, 10e6)], marks));
    }

    /// <summary>
    /// grpc busiest in the middle phase, kafka busiest last, grpc retaining 4 KB per call; the post-GC
    /// counter reports each GC 2.5 s late, as it does on real targets, so unaligned readings describe
    /// an earlier load than their time says.
    /// </summary>
    [Fact]
    public void Late_post_gc_readings_do_not_shift_the_blame_to_the_scenario_busiest_last()
    {
        var run = new SyntheticRun()
            .Phase("warmup", PhaseKind.WarmUp, 0, 10, 100, "grpc")
            .Phase("g1", PhaseKind.Load, 10, 40, 500, "grpc").Phase("g2", PhaseKind.Load, 40, 70, 2000, "grpc")
            .Phase("g3", PhaseKind.Load, 70, 100, 800, "grpc")
            .Phase("k1", PhaseKind.Load, 10, 40, 600, "kafka").Phase("k2", PhaseKind.Load, 40, 70, 600, "kafka")
            .Phase("k3", PhaseKind.Load, 70, 100, 2500, "kafka")
            .Phase("h1", PhaseKind.Load, 10, 40, 1500, "http").Phase("h2", PhaseKind.Load, 40, 70, 900, "http")
            .Phase("h3", PhaseKind.Load, 70, 100, 1300, "http");
        const double lag = 2.5;
        double Retained(double t) => 20 * SyntheticRun.Mb + 4096 * run.Intervals.Where(r => r.Scenario == "grpc" && r.T <= t).Sum(r => r.Ok);
        // An ephemeral GC every 3 s, each reported lag seconds later; induced full GCs at the boundaries.
        var gcTimes = Enumerable.Range(0, 40).Select(i => 9.7 + 3 * i).ToList();
        foreach (var boundary in new[] { 10.2, 40.2, 70.2, 100.2 }) { run.Mark(boundary, "b", Retained(boundary)); gcTimes.Add(boundary); }
        gcTimes.Sort();
        run.Samples((t, s) => gcTimes.LastOrDefault(g => g + lag <= t) is var g && g > 0 ? s with { PostGcHeapBytes = Retained(g) } : s);

        var result = run.Analyze(LeakOptions.Default with { MinSamples = 15, MinBlockSeconds = 1 });
        var heap = Assert.Single(result.Leak.Findings, f => f.Resource == LeakResource.Heap);
        Assert.Equal("grpc", heap.Scenario);
        // Whole-second samples: a GC at 10.2 s reported 2.5 s later lands in the sample of 13 s.
        Assert.Contains(result.Leak.Notes, n => n.Contains("2.8 s late", StringComparison.Ordinal));
        Assert.InRange(Assert.Single(result.BytesPerRequest, r => r.Scenario == "grpc").BytesPerRequest, 3900, 4300);
    }
}
