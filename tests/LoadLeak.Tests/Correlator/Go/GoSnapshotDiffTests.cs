using LoadLeak.Correlator.Forensics.Go;
using LoadLeak.Correlator.Sampling.Go;

namespace LoadLeak.Tests.Correlator.Go;

public class GoSnapshotDiffTests
{
    private static GoSnapshot Snapshot(string mode, string label, double t) =>
        new(label, t, GoroutineDumpParser.Parse(GoTestData.Text($"goroutine-{mode}-{label}.txt")),
            HeapProfileSummarizer.Summarize(PprofProtoDecoder.Decode(GoTestData.Bytes($"heap-{mode}-{label}.pb.gz"))));

    private static GoForensicsResult Compare(string mode) =>
        GoSnapshotDiff.Compare(Snapshot(mode, "baseline", 1), Snapshot(mode, "peak", 10), Snapshot(mode, "after", 20));

    [Fact]
    public void The_goroutine_leak_is_named_by_function_and_line()
    {
        var result = Compare("goroutine");

        var top = result.GoroutineGrowers[0];
        Assert.True(top.SurvivesCoolDown);
        Assert.Equal("main.watcher", top.Frame.Function);
        Assert.EndsWith("GoLeaky/leaks.go", top.Frame.File, StringComparison.Ordinal);
        Assert.True(top.CountDelta >= 19_990, $"delta {top.CountDelta}");
        Assert.True(top.PeakCountDelta > 1000, $"peak delta {top.PeakCountDelta}");
        Assert.Equal(top.Frame, top.TopFrame);
        Assert.Single(result.GoroutineGrowers, g => g.SurvivesCoolDown);
        Assert.StartsWith($"{top.CountDelta} more goroutines after the cool-down than before the load wait at main.watcher (", result.Notes[0],
            StringComparison.Ordinal);
        Assert.Equal(["baseline", "peak", "after"], result.Snapshots.Select(s => s.Label));
    }

    [Fact]
    public void The_map_leak_is_named_by_its_allocating_function_and_no_goroutine_grows()
    {
        var result = Compare("map");

        var top = result.TopGrowers[0];
        Assert.True(top.SurvivesCoolDown);
        Assert.Equal("main.newSession", top.Frame.Function);
        Assert.True(top.BytesDelta > 10_000_000, $"delta {top.BytesDelta}");
        Assert.Equal("go-alloc-site", GoAllocSiteGrowth.Kind);
        Assert.DoesNotContain(result.GoroutineGrowers, g => g.SurvivesCoolDown);
        // Under load, the connections' and the in-flight requests' goroutines were there, then went.
        Assert.Contains(result.GoroutineGrowers, g => g.PeakCountDelta > 0);
    }

    [Fact]
    public void Growth_that_went_away_after_the_cool_down_is_no_candidate()
    {
        var baseline = Snapshot("map", "baseline", 1);
        var peak = Snapshot("map", "after", 10);

        var result = GoSnapshotDiff.Compare(baseline, peak, baseline with { Label = "after", T = 20 });

        Assert.NotEmpty(result.TopGrowers);
        Assert.DoesNotContain(result.TopGrowers, g => g.SurvivesCoolDown);
        Assert.All(result.TopGrowers, g => Assert.True(g.PeakBytesDelta > 0));
        Assert.Equal("no goroutine stack and no allocation site grew under load and stayed after the cool-down", Assert.Single(result.Notes));
    }
}
