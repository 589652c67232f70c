using LoadLeak.Correlator.Sampling;
using LoadLeak.Correlator.Sampling.Go;

namespace LoadLeak.IntegrationTests.Correlator.Go;

/// <summary>The pprof/expvar source against the real GoLeaky fixture, built with Debian's Go.</summary>
public class PprofSourceTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [RequiresGoFact]
    public async Task Goroutine_mode_shows_goroutines_rising_with_requests()
    {
        using var fixture = await GoLeakyProcess.StartAsync("goroutine");
        await using var run = RunningSource.Start(now => new PprofSource(fixture.PprofUrl, now, Interval));
        Assert.True(await run.WaitForAsync(s => s.Values(MetricNames.GoStackInuse).Count > 0, Patience), Describe(run));
        var before = run.Sink.Values(MetricNames.Goroutines)[0];
        var stackBefore = run.Sink.Values(MetricNames.GoStackInuse)[0];

        await QueryLoad.RunAsync(fixture.QueryUrl, 3000);

        Assert.True(await run.WaitForAsync(s => s.Values(MetricNames.Goroutines)[^1] >= before + 3000, Patience), Describe(run));
        Assert.True(before < 50, $"baseline {before}");
        // Every leaked goroutine keeps its stack (2 KB at least).
        Assert.True(await run.WaitForAsync(s => s.Values(MetricNames.GoStackInuse)[^1] >= stackBefore + 3000 * 2048.0, Patience), Describe(run));
        string[] heapFigures = [MetricNames.GoHeapInuse, MetricNames.GcHeapSize, MetricNames.GcCount, MetricNames.AllocBytes, MetricNames.GcPauseMs];
        foreach (var metric in heapFigures)
            Assert.NotEmpty(run.Sink.Values(metric));
        Assert.Equal(PprofSource.Emits.Order(), run.Sink.Readings.Select(r => r.Name).Distinct().Order());
        Assert.Empty(run.Sink.Notes);
        Assert.Empty(run.Sink.Events);
    }

    [RequiresGoFact]
    public async Task A_leak_on_one_request_in_fifty_shows_as_exactly_that_many_goroutines()
    {
        using var fixture = await GoLeakyProcess.StartAsync("goroutine", "-leak-every", "50");
        await using var run = RunningSource.Start(now => new PprofSource(fixture.PprofUrl, now, Interval));
        Assert.True(await run.WaitForAsync(s => s.Values(MetricNames.Goroutines).Count > 0, Patience), Describe(run));
        var before = run.Sink.Values(MetricNames.Goroutines)[0];

        await QueryLoad.RunAsync(fixture.QueryUrl, 5000);

        // 100 leaked; the other 4,900 watchers and the connections' goroutines end.
        Assert.True(await run.WaitForAsync(s => Math.Abs(s.Values(MetricNames.Goroutines)[^1] - (before + 100)) <= 3, Patience), Describe(run));
    }

    [RequiresGoFact]
    public async Task Clean_mode_goroutines_and_retained_heap_stay_flat()
    {
        using var fixture = await GoLeakyProcess.StartAsync("clean");
        var source = new PprofSource(fixture.PprofUrl, () => 0, Interval);
        var sink = new RecordingSink();
        var heapBefore = await source.TakeHeapAsync(sink, CancellationToken.None);
        await using var run = RunningSource.Start(now => new PprofSource(fixture.PprofUrl, now, Interval));
        Assert.True(await run.WaitForAsync(s => s.Values(MetricNames.Goroutines).Count > 0, Patience), Describe(run));
        var before = run.Sink.Values(MetricNames.Goroutines)[0];

        await QueryLoad.RunAsync(fixture.QueryUrl, 5000);

        Assert.True(await run.WaitForAsync(s => s.Values(MetricNames.Goroutines)[^1] <= before + 3, Patience), Describe(run));
        var heapAfter = await source.TakeHeapAsync(sink, CancellationToken.None);
        Assert.NotNull(heapBefore);
        Assert.NotNull(heapAfter);
        // The map mode keeps ~1.2 KB per request (6 MB here); clean keeps nothing beyond buffers of its own.
        Assert.True(heapAfter.RetainedBytes - heapBefore.RetainedBytes < 1_500_000,
            $"retained {heapBefore.RetainedBytes:0} -> {heapAfter.RetainedBytes:0}");
        Assert.Empty(sink.Notes);
    }

    [RequiresGoFact]
    public async Task Map_mode_heap_after_gc_grows_and_names_the_allocating_function()
    {
        using var fixture = await GoLeakyProcess.StartAsync("map");
        var sink = new RecordingSink();
        var source = new PprofSource(fixture.PprofUrl, () => 0, Interval);
        var before = await source.TakeHeapAsync(sink, CancellationToken.None);

        await QueryLoad.RunAsync(fixture.QueryUrl, 10_000);
        var after = await source.TakeHeapAsync(sink, CancellationToken.None);

        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.Equal(RetainedHeapSource.MemStatsAfterGc, after.Source);
        Assert.True(after.RetainedBytes - before.RetainedBytes > 8_000_000, $"retained {before.RetainedBytes:0} -> {after.RetainedBytes:0}");
        Assert.Equal("main.newSession", after.Profile.Sites[0].Frame.Function);
        Assert.Equal(GoToolchain.FixtureLeaksFile, after.Profile.Sites[0].Frame.File);
        Assert.Empty(sink.Notes);
    }

    [RequiresGoTheory]
    [InlineData("pool", "main.newReplyBuffer")]
    [InlineData("ctxhold", "net/textproto.readMIMEHeader")]
    public async Task Pool_and_ctxhold_modes_retain_heap_per_request_at_their_allocating_function(string mode, string site)
    {
        using var fixture = await GoLeakyProcess.StartAsync(mode);
        var sink = new RecordingSink();
        var source = new PprofSource(fixture.PprofUrl, () => 0, Interval);
        var before = await source.TakeHeapAsync(sink, CancellationToken.None);

        await QueryLoad.RunAsync(fixture.QueryUrl, 10_000);
        var after = await source.TakeHeapAsync(sink, CancellationToken.None);

        // pool keeps a 2 KB buffer per request, ctxhold a request of ~1.3 KB with its headers and context.
        Assert.True(after!.RetainedBytes - before!.RetainedBytes > 8_000_000, $"retained {before.RetainedBytes:0} -> {after.RetainedBytes:0}");
        Assert.Contains(after.Profile.Sites.Take(3), s => s.Frame.Function == site);
    }

    [RequiresGoFact]
    public async Task Without_expvar_the_heap_figures_come_from_heap_debug_and_a_note_says_so()
    {
        using var fixture = await GoLeakyProcess.StartAsync("map", "-expvar=false");
        await using var run = RunningSource.Start(now => new PprofSource(fixture.PprofUrl, now, Interval));

        Assert.True(await run.WaitForAsync(s => s.Values(MetricNames.GoHeapInuse).Count >= 2, Patience), Describe(run));
        Assert.NotEmpty(run.Sink.Values(MetricNames.GoStackInuse));
        Assert.Empty(run.Sink.Values(MetricNames.GcPauseMs));
        var note = Assert.Single(run.Sink.Notes);
        Assert.Contains("/debug/vars: HTTP 404", note, StringComparison.Ordinal);
        Assert.EndsWith("Go heap figures from heap?debug=1 instead", note, StringComparison.Ordinal);

        var heap = await ((PprofSource)run.Source).TakeHeapAsync(run.Sink, CancellationToken.None);
        Assert.Equal(RetainedHeapSource.HeapProfile, heap!.Source);
        Assert.Equal(heap.Profile.InuseBytes, heap.RetainedBytes);
    }

    [RequiresGoFact]
    public async Task Detects_pprof_on_a_launched_targets_port_and_only_there()
    {
        using var withPprof = await GoLeakyProcess.StartAsync("clean");
        using var withoutPprof = await GoLeakyProcess.StartAsync("clean", "-pprof=false");

        Assert.Equal(new Uri($"http://127.0.0.1:{withPprof.Port}/debug/pprof/"),
            await PprofSource.DetectAsync(withPprof.Port, CancellationToken.None));
        Assert.Null(await PprofSource.DetectAsync(withoutPprof.Port, CancellationToken.None));
    }

    private static string Describe(RunningSource run) =>
        $"goroutines [{string.Join(", ", run.Sink.Values(MetricNames.Goroutines).TakeLast(8))}], notes [{string.Join(" | ", run.Sink.Notes)}], "
        + $"events [{string.Join(" | ", run.Sink.Events.Select(e => e.Message))}], ended {run.Task.IsCompleted}";
}
