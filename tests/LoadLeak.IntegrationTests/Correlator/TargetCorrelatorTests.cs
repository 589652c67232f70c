using System.Diagnostics;
using LoadLeak.Correlator;
using LoadLeak.Engine.Running;
using LoadLeak.Results;
using Xunit.Abstractions;

namespace LoadLeak.IntegrationTests.Correlator;

public sealed class TargetCorrelatorTests(ITestOutputHelper output)
{
    private readonly LeakyChild _child = new();

    [Fact]
    public async Task EventPipe_yields_per_second_heap_and_thread_samples_and_a_plausible_retained_heap()
    {
        _ = _child.DllPath; // build outside the timed part
        var process = _child.Start(holdMb: 64, stepMs: 20);
        try
        {
            var clock = new RunClock();
            await using var correlator = await TargetCorrelator.StartAsync(process.Id, clock, new CorrelatorOptions(), CancellationToken.None);
            Assert.True(correlator.IsDotNet);
            await Task.Delay(TimeSpan.FromSeconds(6));
            Assert.NotNull(correlator.Latest);

            var sw = Stopwatch.StartNew();
            var mark = await correlator.MeasureRetainedAsync("load-1", "test", CancellationToken.None);
            output.WriteLine($"induced GC took {sw.ElapsedMilliseconds} ms; retained {mark?.HeapBytes / 1e6:0.0} MB");
            await Task.Delay(TimeSpan.FromSeconds(2));
            var result = await correlator.StopAsync();

            foreach (var n in result.Notes) output.WriteLine("note: " + n);
            foreach (var e in result.Events) output.WriteLine($"event: {e.T:0.0} {e.Kind} {e.Message}");
            foreach (var s in result.Samples) output.WriteLine(s.ToString());

            Assert.True(result.IsDotNet);
            var full = result.Samples.Where(s => s.GcHeapBytes is not null && s.Threads is not null && s.RssBytes is not null).ToList();
            Assert.True(full.Count >= 5, $"expected >= 5 complete seconds, got {full.Count} of {result.Samples.Count}");
            Assert.Contains(result.Samples, s => s.PostGcHeapBytes is > 0);
            Assert.Contains(result.Samples, s => s.AllocRateBytesPerSec is > 0);
            Assert.All(full, s => Assert.InRange(s.Threads!.Value, 0, 500));
            Assert.All(full, s => Assert.InRange(s.OsThreads!.Value, 1, 500));

            Assert.NotNull(mark);
            // The child holds up to 64 x 1 MB arrays after ~8 s at 50 per second: the survivors must show them.
            Assert.InRange(mark!.HeapBytes, 32e6, 400e6);
            Assert.Single(result.Retained);
            Assert.DoesNotContain(result.Events, e => e.Kind == EventKind.CounterGap);
        }
        finally
        {
            LeakyChild.Kill(process);
        }
    }

    [Fact]
    public async Task Legacy_event_counters_fallback_yields_the_same_figures()
    {
        var process = _child.Start(holdMb: 48, stepMs: 20);
        try
        {
            var clock = new RunClock();
            await using var correlator = await TargetCorrelator.StartAsync(process.Id, clock, new CorrelatorOptions { PreferMeter = false },
                CancellationToken.None);
            await Task.Delay(TimeSpan.FromSeconds(7));
            var result = await correlator.StopAsync();
            foreach (var s in result.Samples) output.WriteLine(s.ToString());

            Assert.Contains(result.Notes, n => n.Contains("EventCounters", StringComparison.Ordinal));
            var full = result.Samples.Where(s => s.GcHeapBytes is not null && s.PostGcHeapBytes is not null && s.Timers is not null).ToList();
            Assert.True(full.Count >= 3, $"complete seconds: {full.Count}");
            // 48 x 1 MB held: the generation sizes after the last GC must add up to at least that.
            Assert.Contains(full, s => s.PostGcHeapBytes > 40e6);
            Assert.Contains(result.Samples, s => s.AllocRateBytesPerSec > 0);
            Assert.Contains(result.Samples, s => s.GcCount > 0);
        }
        finally
        {
            LeakyChild.Kill(process);
        }
    }

    [Fact]
    public async Task Target_exit_is_recorded_and_sampling_stops_cleanly()
    {
        var process = _child.Start(holdMb: 8, stepMs: 50);
        try
        {
            var clock = new RunClock();
            await using var correlator = await TargetCorrelator.StartAsync(process.Id, clock, new CorrelatorOptions(), CancellationToken.None);
            await Task.Delay(TimeSpan.FromSeconds(3));
            LeakyChild.Kill(process);
            await Task.Delay(TimeSpan.FromSeconds(3));
            var sw = Stopwatch.StartNew();
            var result = await correlator.StopAsync();
            output.WriteLine($"stop took {sw.ElapsedMilliseconds} ms");
            foreach (var e in result.Events) output.WriteLine($"event: {e.T:0.0} {e.Kind} {e.Message}");
            Assert.Contains(result.Events, e => e.Kind == EventKind.TargetExited);
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(15));
            Assert.Null(await correlator.MeasureRetainedAsync("after", "exit", CancellationToken.None));
        }
        finally
        {
            LeakyChild.Kill(process);
        }
    }

    [Fact]
    public async Task A_frozen_target_is_reported_as_a_counter_gap_and_the_gap_stays_empty()
    {
        var process = _child.Start(holdMb: 8, stepMs: 50);
        try
        {
            var clock = new RunClock();
            await using var correlator = await TargetCorrelator.StartAsync(process.Id, clock, new CorrelatorOptions(), CancellationToken.None);
            await Task.Delay(TimeSpan.FromSeconds(4));
            var frozenAt = clock.Seconds;
            Signal("STOP", process.Id);
            await Task.Delay(TimeSpan.FromSeconds(6));
            Signal("CONT", process.Id);
            var thawedAt = clock.Seconds;
            await Task.Delay(TimeSpan.FromSeconds(4));
            var result = await correlator.StopAsync();
            foreach (var e in result.Events) output.WriteLine($"event: {e.T:0.0} {e.Kind} {e.Message}");

            var gap = Assert.Single(result.Events, e => e.Kind == EventKind.CounterGap);
            // > 3 s of silence, counted from the last delivery, which can precede the freeze by ~1 s.
            Assert.InRange(gap.T, frozenAt + 1.5, thawedAt + 1);
            Assert.Contains(result.Events, e => e.Kind == EventKind.CounterResumed && e.T > thawedAt);
            // Never interpolated: the seconds well inside the freeze have no runtime values.
            var inside = result.Samples.Where(s => s.T > frozenAt + 2 && s.T < thawedAt - 1).ToList();
            Assert.NotEmpty(inside);
            Assert.All(inside, s => Assert.Null(s.GcHeapBytes));
            Assert.DoesNotContain(result.Events, e => e.Kind == EventKind.TargetExited);
        }
        finally
        {
            LeakyChild.Kill(process);
        }
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {pid}") { UseShellExecute = false })!;
        kill.WaitForExit(5000);
    }

    [Fact]
    public async Task Proc_source_reads_a_non_dotnet_process()
    {
        using var sleep = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            var clock = new RunClock();
            await using var correlator = await TargetCorrelator.StartAsync(sleep.Id, clock, new CorrelatorOptions(), CancellationToken.None);
            Assert.False(correlator.IsDotNet);
            await Task.Delay(TimeSpan.FromSeconds(3.5));
            var result = await correlator.StopAsync();
            foreach (var s in result.Samples) output.WriteLine(s.ToString());

            Assert.False(result.IsDotNet);
            Assert.Contains(result.Notes, n => n.Contains("/proc figures only", StringComparison.Ordinal));
            Assert.True(result.Samples.Count(s => s.RssBytes is > 0) >= 3);
            Assert.All(result.Samples.Where(s => s.RssBytes is not null), s =>
            {
                Assert.Equal(1, s.OsThreads);
                Assert.Equal(1, s.Threads);
                Assert.InRange(s.Fds!.Value, 1, 64);
                Assert.Null(s.GcHeapBytes);
            });
            Assert.Null(await correlator.MeasureRetainedAsync("load", "test", CancellationToken.None));
        }
        finally
        {
            LeakyChild.Kill(sleep);
        }
    }
}
