using LoadLeak.Correlator.Sampling;
using LoadLeak.Correlator.Sampling.Prometheus;

namespace LoadLeak.IntegrationTests.Correlator.Go;

/// <summary>A target sampled only through its Prometheus endpoint, as for one on another host.</summary>
public class PrometheusSourceTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [RequiresGoFact]
    public async Task Goroutine_mode_through_metrics_only_with_a_custom_gauge_and_rss_left_to_proc()
    {
        using var fixture = await GoLeakyProcess.StartAsync("goroutine", "-metrics", "-pprof=false");
        await using var run = RunningSource.Start(now =>
            new PrometheusSource(fixture.MetricsUrl, now, Interval, ["goleaky_leaked_items"], new HashSet<string> { MetricNames.Rss }));
        Assert.True(await run.WaitForAsync(s => s.Values(MetricNames.Goroutines).Count > 0, Patience), Describe(run));
        var before = run.Sink.Values(MetricNames.Goroutines)[0];

        await QueryLoad.RunAsync(fixture.QueryUrl, 3000);

        Assert.True(await run.WaitForAsync(s => s.Values(MetricNames.Goroutines)[^1] >= before + 3000, Patience), Describe(run));
        Assert.True(await run.WaitForAsync(s => s.Values(MetricNames.Custom("goleaky_leaked_items"))[^1] == 3000, Patience), Describe(run));
        Assert.Empty(run.Sink.Values(MetricNames.Rss));
        Assert.NotEmpty(run.Sink.Values(MetricNames.Fds));
        Assert.NotEmpty(run.Sink.Values(MetricNames.CpuSeconds));
        var source = (PrometheusSource)run.Source;
        Assert.Equal("go_goroutines", source.Mapped[MetricNames.Goroutines]);
        Assert.Equal("go_threads", source.Mapped[MetricNames.RuntimeThreads]);
        Assert.Equal(0, source.SkippedLines);
        Assert.Empty(run.Sink.Notes);
    }

    [RequiresGoFact]
    public async Task Map_mode_through_metrics_only_shows_the_heap_rising()
    {
        using var fixture = await GoLeakyProcess.StartAsync("map", "-metrics");
        await using var run = RunningSource.Start(now => new PrometheusSource(fixture.MetricsUrl, now, Interval));
        Assert.True(await run.WaitForAsync(s => s.Values(MetricNames.GoHeapInuse).Count > 0, Patience), Describe(run));
        var before = run.Sink.Values(MetricNames.GoHeapInuse)[0];

        await QueryLoad.RunAsync(fixture.QueryUrl, 10_000);

        // ~12 MB retained: in-use heap spans can only be above it from here on.
        var count = run.Sink.Values(MetricNames.GoHeapInuse).Count;
        Assert.True(await run.WaitForAsync(s => s.Values(MetricNames.GoHeapInuse).Count > count, Patience), Describe(run));
        Assert.True(run.Sink.Values(MetricNames.GoHeapInuse)[^1] > before + 8_000_000, Describe(run));
        Assert.NotEmpty(run.Sink.Values(MetricNames.Rss));
    }

    private static string Describe(RunningSource run) =>
        $"goroutines [{string.Join(", ", run.Sink.Values(MetricNames.Goroutines).TakeLast(5))}], "
        + $"heap-inuse [{string.Join(", ", run.Sink.Values(MetricNames.GoHeapInuse).TakeLast(5))}], notes [{string.Join(" | ", run.Sink.Notes)}], "
        + $"events [{string.Join(" | ", run.Sink.Events.Select(e => e.Message))}], ended {run.Task.IsCompleted}";
}
