using System.Text;
using LoadLeak.Correlator.Sampling;
using LoadLeak.Correlator.Sampling.Endpoints;
using LoadLeak.Correlator.Sampling.Go;
using LoadLeak.Correlator.Sampling.Prometheus;
using LoadLeak.IntegrationTests.Scenarios;
using LoadLeak.Results;

namespace LoadLeak.IntegrationTests.Correlator.Go;

/// <summary>Bad URLs and bad bodies: a one-line reason naming the URL, a note (once) or an event, never an exception.</summary>
public class EndpointFailureTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_unreachable_url_fails_the_probe_in_one_line_and_the_sources_keep_polling()
    {
        var port = FreePort.Next();
        var pprof = new Uri($"http://127.0.0.1:{port}/debug/pprof");
        var metrics = new Uri($"http://127.0.0.1:{port}/metrics");

        var pprofError = await PprofSource.ProbeAsync(pprof, CancellationToken.None);
        var metricsError = await PrometheusSource.ProbeAsync(metrics, CancellationToken.None);
        Assert.Equal($"http://127.0.0.1:{port}/debug/pprof/: unreachable (Connection refused)", pprofError);
        Assert.Equal($"http://127.0.0.1:{port}/metrics: unreachable (Connection refused)", metricsError);

        await using var pprofRun = RunningSource.Start(now => new PprofSource(pprof, now, Interval));
        await using var metricsRun = RunningSource.Start(now => new PrometheusSource(metrics, now, Interval));
        await Task.Delay(Interval * 6);

        foreach (var run in new[] { pprofRun, metricsRun })
        {
            Assert.False(run.Task.IsCompleted, "a source must keep polling an endpoint that may come up");
            var failed = Assert.Single(run.Sink.Events);
            Assert.Equal(EventKind.EndpointFailed, failed.Kind);
            Assert.Contains("unreachable (Connection refused)", failed.Message, StringComparison.Ordinal);
            Assert.Contains("unreachable (Connection refused)", Assert.Single(run.Sink.Notes), StringComparison.Ordinal);
            Assert.Empty(run.Sink.Readings);
        }
    }

    [RequiresGoFact]
    public async Task An_html_page_as_metrics_or_a_wrong_pprof_base_is_a_clear_error_and_the_source_stops()
    {
        using var fixture = await GoLeakyProcess.StartAsync("clean");
        var html = new Uri(fixture.BaseUrl, "debug/pprof/");
        var notPprof = new Uri(fixture.BaseUrl, "api");

        Assert.Equal($"{html}: an HTML page (text/html), not Prometheus text exposition",
            await PrometheusSource.ProbeAsync(html, CancellationToken.None));
        Assert.Equal($"{notPprof}/: HTTP 404 Not Found (expected the base of /debug/pprof, e.g. http://127.0.0.1:8080/debug/pprof)",
            await PprofSource.ProbeAsync(notPprof, CancellationToken.None));

        await using var metricsRun = RunningSource.Start(now => new PrometheusSource(html, now, Interval));
        await using var pprofRun = RunningSource.Start(now => new PprofSource(notPprof, now, Interval));
        foreach (var run in new[] { metricsRun, pprofRun })
        {
            Assert.True(await run.WaitForAsync(_ => run.Task.IsCompleted, Patience), "the source should stop by itself");
            await run.Task;
            var note = Assert.Single(run.Sink.Notes);
            Assert.Contains($"{fixture.BaseUrl}", note, StringComparison.Ordinal);
            Assert.Empty(run.Sink.Readings);
        }
    }

    [Fact]
    public async Task A_heap_profile_that_is_not_gzip_gives_no_reading_and_a_note_naming_the_url()
    {
        await using var server = await ScriptedEndpointServer.StartAsync(new Dictionary<string, (string, byte[])>
        {
            ["/debug/pprof/"] = ("text/html", Encoding.UTF8.GetBytes("<tr><td>5</td><td><a href='goroutine?debug=1'>goroutine</a></td></tr>")),
            ["/debug/pprof/heap"] = ("text/plain", Encoding.UTF8.GetBytes("heap profile: 1: 8 [1: 8] @ heap/524288\n")),
        });
        var sink = new RecordingSink();
        var source = new PprofSource(server.Url("/debug/pprof"), () => 1, Interval);

        Assert.Null(await PprofSource.ProbeAsync(server.Url("/debug/pprof"), CancellationToken.None));
        Assert.Null(await source.TakeHeapAsync(sink, CancellationToken.None));

        Assert.Equal($"pprof: heap after GC not taken: {server.Url("/debug/pprof/heap?gc=1")}: "
            + "not a gzipped pprof profile: it starts with 'heap profile: 1: 8 [1: 8] @ heap/524288'",
            Assert.Single(sink.Notes));
    }

    [Fact]
    public async Task A_malformed_exposition_line_is_skipped_and_noted_once_while_the_rest_is_read()
    {
        await using var server = await ScriptedEndpointServer.StartAsync(new Dictionary<string, (string, byte[])>
        {
            ["/metrics"] = ("text/plain; version=0.0.4", Encoding.UTF8.GetBytes("""
                # TYPE go_goroutines gauge
                go_goroutines 42
                go_threads{broken="x} 7
                process_open_fds 9
                """)),
        });
        await using var run = RunningSource.Start(now => new PrometheusSource(server.Url("/metrics"), now, Interval));

        Assert.True(await run.WaitForAsync(s => s.Values(MetricNames.Goroutines).Count >= 3, Patience));

        Assert.All(run.Sink.Values(MetricNames.Goroutines), v => Assert.Equal(42, v));
        Assert.All(run.Sink.Values(MetricNames.Fds), v => Assert.Equal(9, v));
        Assert.Empty(run.Sink.Values(MetricNames.RuntimeThreads));
        Assert.Equal($"prometheus: {server.Url("/metrics")}: skipped 1 malformed line(s) (line 3: label broken: an unterminated quoted string)",
            Assert.Single(run.Sink.Notes));
        Assert.True(((PrometheusSource)run.Source).SkippedLines >= 3);
        Assert.False(run.Task.IsCompleted);
    }

    [Fact]
    public async Task A_target_that_comes_back_is_reported_as_resumed()
    {
        var port = FreePort.Next();
        await using var run = RunningSource.Start(now => new PrometheusSource(new Uri($"http://127.0.0.1:{port}/metrics"), now, Interval));
        Assert.True(await run.WaitForAsync(s => s.Events.Count == 1, Patience));

        await using var server = await ScriptedEndpointServer.StartOnAsync(port, new Dictionary<string, (string, byte[])>
        {
            ["/metrics"] = ("text/plain", "go_goroutines 3\n"u8.ToArray()),
        });

        Assert.True(await run.WaitForAsync(s => s.Values(MetricNames.Goroutines).Count > 0, Patience));
        Assert.Equal([EventKind.EndpointFailed, EventKind.EndpointResumed], run.Sink.Events.Select(e => e.Kind));
    }
}
