using System.Text.Json;
using LoadLeak.IntegrationTests.Infrastructure;

namespace LoadLeak.IntegrationTests.Correlator.Go;

/// <summary>
/// The GoLeaky fixture through the real `loadleak run` (launched, detected pprof; or remote, sampled only by URL):
/// 400 req/s for 25 s between a ramp-up and a ramp-down to a 20 req/s cool-down (configs/go-short.json). The runs
/// go side by side (<see cref="GoRuns"/>).
/// </summary>
public sealed class GoRunTests(GoRuns runs) : IClassFixture<GoRuns>
{
    private const string PeakPhase = "2 Inject(400, 00:00:01, 00:00:25)";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(180);

    [RequiresGoFact]
    public async Task A_goroutine_leak_on_one_request_in_50_is_a_goroutines_leak_in_the_peak_phase_and_snapshots_name_the_line()
    {
        var (result, root) = await runs.Goroutine;

        Assert.Contains("target serves Go pprof at", result.StdOut);
        // The run's start names every source, as run.json's note does.
        Assert.Matches(@"sources: goroutines and Go heap from pprof \(http://127\.0\.0\.1:\d+/debug/pprof/, found on the launched " +
            @"target's port\); RSS, OS threads, fds and CPU from /proc", result.StdOut);
        Assert.Equal("leak", root.GetProperty("leak").GetProperty("verdict").GetString());
        var goroutines = Finding(root, "goroutines");
        Assert.True(goroutines.GetProperty("isLeak").GetBoolean(), result.ToString());
        Assert.Equal(PeakPhase, goroutines.GetProperty("phase").GetString());
        // One request in 50 leaks one goroutine: about 0.02 per request.
        Assert.InRange(goroutines.GetProperty("slopePerRequest").GetDouble(), 0.01, 0.04);
        Assert.Contains("goroutine per http request", goroutines.GetProperty("summary").GetString());
        Assert.Contains(root.GetProperty("samples").EnumerateArray(), s => s.TryGetProperty("goroutines", out var g) && g.GetDouble() > 100);
        Assert.True(root.GetProperty("retained").GetArrayLength() >= 3, "heap?gc=1 at the phase boundaries and after the load");

        var growers = root.GetProperty("heap").GetProperty("goroutineGrowers").EnumerateArray().ToList();
        Assert.Contains(growers, g => g.GetProperty("function").GetString() == "main.watcher" && g.GetProperty("survivesCoolDown").GetBoolean());
    }

    [RequiresGoFact]
    public async Task A_map_leak_is_a_heap_leak_in_the_peak_phase_and_goroutines_are_not_blamed()
    {
        var (result, root) = await runs.Map;

        Assert.Equal(1, result.ExitCode);
        var heap = Finding(root, "heap");
        Assert.True(heap.GetProperty("isLeak").GetBoolean(), result.ToString());
        Assert.Equal(PeakPhase, heap.GetProperty("phase").GetString());
        Assert.False(Finding(root, "goroutines").GetProperty("isLeak").GetBoolean(), result.ToString());
    }

    [RequiresGoFact]
    public async Task The_clean_mode_is_no_leak()
    {
        var (result, root) = await runs.Clean;

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("no-leak", root.GetProperty("leak").GetProperty("verdict").GetString());
        Assert.False(Finding(root, "goroutines").GetProperty("isLeak").GetBoolean());
    }

    [RequiresGoFact]
    public async Task A_remote_target_sampled_only_through_its_metrics_gets_the_goroutine_verdict_and_says_what_it_lacks()
    {
        var (result, root) = await runs.Remote;

        Assert.Equal(1, result.ExitCode);
        Assert.True(Finding(root, "goroutines").GetProperty("isLeak").GetBoolean(), result.ToString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("meta").GetProperty("targetPid").ValueKind);
        var notes = root.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ToList();
        Assert.Contains(notes, n => n!.StartsWith("remote target: not measured", StringComparison.Ordinal) && n.Contains("OS threads"));
        Assert.Contains("--snapshots: this target offers no snapshots", result.StdErr + result.StdOut);
        Assert.Contains(root.GetProperty("samples").EnumerateArray(),
            s => s.TryGetProperty("metrics", out var m) && m.TryGetProperty("go_memstats_heap_alloc_bytes", out _));
    }

    [RequiresGoFact]
    public async Task Unreachable_or_wrong_endpoints_are_usage_errors_naming_the_flag()
    {
        using var service = await GoLeakyProcess.StartAsync("clean");
        var unreachable = await CliProcess.RunAsync(Limit, "run", "--config", RepoPaths.TestConfig("go-short.json"),
            "--target-pprof", "http://127.0.0.1:1/debug/pprof", "--dry-run");
        Assert.Equal(0, unreachable.ExitCode); // a dry run starts nothing, so probes nothing

        var html = await CliProcess.RunAsync(Limit, "run", "--config", RepoPaths.TestConfig("go-short.json"),
            "--target-metrics", service.PprofUrl + "/", "--out", Path.Combine(Path.GetTempPath(), "loadleak-it-" + Guid.NewGuid().ToString("N")));
        Assert.Equal(2, html.ExitCode);
        Assert.Contains("--target-metrics:", html.StdErr + html.StdOut);
        Assert.Contains("HTML", html.StdErr + html.StdOut);

        var refused = await CliProcess.RunAsync(Limit, "run", "--config", RepoPaths.TestConfig("go-short.json"),
            "--target-pprof", "http://127.0.0.1:1/debug/pprof",
            "--out", Path.Combine(Path.GetTempPath(), "loadleak-it-" + Guid.NewGuid().ToString("N")));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--target-pprof: http://127.0.0.1:1/debug/pprof/: unreachable", refused.StdErr + refused.StdOut);
    }

    private static JsonElement Finding(JsonElement root, string resource) =>
        root.GetProperty("leak").GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("resource").GetString() == resource);
}
