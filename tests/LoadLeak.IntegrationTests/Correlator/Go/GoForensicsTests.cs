using LoadLeak.Correlator.Forensics.Go;
using LoadLeak.Correlator.Sampling.Go;

namespace LoadLeak.IntegrationTests.Correlator.Go;

/// <summary>Baseline, peak and after-cool-down snapshots of the real fixture, diffed.</summary>
public class GoForensicsTests
{
    [RequiresGoFact]
    public async Task The_goroutine_diff_names_the_fixtures_leaking_function_and_line()
    {
        using var fixture = await GoLeakyProcess.StartAsync("goroutine");
        var result = await SnapshotAroundLoadAsync(fixture, 4000);

        var top = result.GoroutineGrowers[0];
        Assert.True(top.SurvivesCoolDown);
        Assert.Equal("main.watcher", top.Frame.Function);
        Assert.Equal(GoToolchain.FixtureLeaksFile, top.Frame.File);
        Assert.Equal(SelectLineOfWatcher(), top.Frame.Line);
        Assert.Equal(4000, top.CountDelta);
        Assert.True(top.PeakCountDelta > 0);
        Assert.Single(result.GoroutineGrowers, g => g.SurvivesCoolDown);
        Assert.True(result.Snapshots[2].Goroutines >= result.Snapshots[0].Goroutines + 4000);
    }

    [RequiresGoFact]
    public async Task The_map_diff_names_the_allocating_function_and_no_goroutines()
    {
        // 64 KiB samples: Go's default 512 KiB leaves ~20 samples for this 11 MB leak, an estimate that can be off by half.
        using var fixture = await GoLeakyProcess.StartAsync("map", "-memprofilerate", "65536");
        var result = await SnapshotAroundLoadAsync(fixture, 10_000);

        var top = result.TopGrowers[0];
        Assert.True(top.SurvivesCoolDown);
        Assert.Equal("main.newSession", top.Frame.Function);
        Assert.True(top.BytesDelta > 6_000_000, $"delta {top.BytesDelta}");
        Assert.DoesNotContain(result.GoroutineGrowers, g => g.SurvivesCoolDown);
        Assert.True(result.Snapshots[2].RetainedBytes - result.Snapshots[0].RetainedBytes > 8_000_000);
    }

    [RequiresGoFact]
    public async Task The_bounded_caches_growth_is_no_candidate_once_it_plateaus()
    {
        using var fixture = await GoLeakyProcess.StartAsync("bounded", "-cap", "2000");
        var snapshotter = new GoSnapshotter(new PprofEndpoint(fixture.PprofUrl), () => 0);
        await QueryLoad.RunAsync(fixture.QueryUrl, 3000); // filled: 2,000 entries of ~1 KB
        var baseline = await snapshotter.TakeAsync("baseline", CancellationToken.None);
        await QueryLoad.RunAsync(fixture.QueryUrl, 6000);
        var peak = await snapshotter.TakeAsync("peak", CancellationToken.None);
        var after = await snapshotter.TakeAsync("after", CancellationToken.None);

        var result = GoSnapshotDiff.Compare(baseline, peak, after);

        Assert.DoesNotContain(result.TopGrowers, g => g.SurvivesCoolDown);
        Assert.DoesNotContain(result.GoroutineGrowers, g => g.SurvivesCoolDown);
    }

    /// <summary>Baseline, then load with a peak snapshot taken while it runs, then the after-cool-down snapshot.</summary>
    private static async Task<GoForensicsResult> SnapshotAroundLoadAsync(GoLeakyProcess fixture, int requests)
    {
        var snapshotter = new GoSnapshotter(new PprofEndpoint(fixture.PprofUrl), () => 0);
        var baseline = await snapshotter.TakeAsync("baseline", CancellationToken.None);
        var load = QueryLoad.RunAsync(fixture.QueryUrl, requests);
        var endpoint = snapshotter.Endpoint;
        while (!load.IsCompleted && await endpoint.GoroutineCountAsync(CancellationToken.None) < baseline.Goroutines.Total + requests / 4)
            await Task.Delay(20);
        var peak = await snapshotter.TakeAsync("peak", CancellationToken.None);
        await load;
        await Task.Delay(500);
        var after = await snapshotter.TakeAsync("after", CancellationToken.None);
        return GoSnapshotDiff.Compare(baseline, peak, after);
    }

    /// <summary>Where a parked watcher waits: the line of its select statement in the fixture's source.</summary>
    private static int SelectLineOfWatcher()
    {
        var lines = File.ReadAllLines(GoToolchain.FixtureLeaksFile);
        var watcher = Array.FindIndex(lines, l => l.StartsWith("func watcher(", StringComparison.Ordinal));
        return Array.FindIndex(lines, watcher, l => l.Trim() == "select {") + 1;
    }
}
