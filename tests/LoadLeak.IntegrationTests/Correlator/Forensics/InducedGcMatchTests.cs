using System.Diagnostics;
using LoadLeak.Correlator;
using LoadLeak.Correlator.Forensics;
using LoadLeak.Correlator.Sampling;
using LoadLeak.Engine.Running;
using LoadLeak.Results;
using Xunit.Abstractions;

namespace LoadLeak.IntegrationTests.Correlator.Forensics;

/// <summary>
/// Induced full GCs against the LeakyApp fixture next to heap snapshots: matched right after a dump and
/// while one is being written (the GC then waits for the dump), and marked missing when the target
/// cannot run one. Nothing here asserts on durations.
/// </summary>
public sealed class InducedGcMatchTests(ITestOutputHelper output)
{
    private const double CachedBytes = 100e6;

    [Fact(Timeout = 120_000)]
    public async Task The_induced_GC_is_matched_right_after_a_snapshot_and_while_one_is_written()
    {
        await using var app = await LeakyProcess.StartAsync("static-cache");
        await app.SendAsync("grow 100000 1024");
        var clock = new RunClock();
        await using var correlator = await TargetCorrelator.StartAsync(app.Pid, clock, new CorrelatorOptions(), CancellationToken.None);
        using var snapshotter = new HeapSnapshotter();

        await snapshotter.TakeAsync(app.Pid, "first", clock.Seconds, CancellationToken.None);
        var afterDump = await correlator.MeasureRetainedAsync("after dump", "test", CancellationToken.None);
        var dumping = snapshotter.TakeAsync(app.Pid, "second", clock.Seconds, CancellationToken.None);
        await UntilAFileIsIn(snapshotter.DumpFolder!);
        var duringDump = await correlator.MeasureRetainedAsync("during dump", "test", CancellationToken.None);
        await dumping;
        var result = await correlator.StopAsync();
        foreach (var note in result.Notes) output.WriteLine("note: " + note);
        foreach (var mark in result.Retained) output.WriteLine($"mark {mark.Phase}: GC #{mark.GcNumber} at {mark.T:0.0} s (asked " +
            $"{mark.RequestedT:0.0} s) {mark.HeapBytes / 1e6:0.0} MB survived, heap {mark.HeapSizeBytes / 1e6:0.0} MB");

        foreach (var mark in new[] { afterDump, duringDump })
        {
            Assert.NotNull(mark);
            Assert.Equal(RetainedReading.Measured, mark!.Reading);
            Assert.NotNull(mark.GcNumber);
            Assert.True(mark.HeapBytes >= CachedBytes, $"{mark.Phase}: {mark.HeapBytes / 1e6:0.0} MB retained, the cache alone holds more");
            // What survived cannot exceed the heap it survived in (that adds the free space); both are read from the same event.
            Assert.True(mark.HeapSizeBytes >= mark.HeapBytes, $"{mark.Phase}: heap {mark.HeapSizeBytes / 1e6:0.0} MB < {mark.HeapBytes / 1e6:0.0} MB");
            Assert.True(mark.T >= mark.RequestedT, $"{mark.Phase}: read at {mark.T} before it was asked for at {mark.RequestedT}");
        }
        Assert.True(duringDump!.GcNumber > afterDump!.GcNumber);
        Assert.Equal(2, result.Retained.Count);
        Assert.Empty(result.MissedRetained);
        Assert.DoesNotContain(result.Events, e => e.Kind == EventKind.RetainedMissing);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_target_that_cannot_run_the_GC_gets_a_missing_reading_not_a_stand_in()
    {
        await using var app = await LeakyProcess.StartAsync("static-cache");
        var clock = new RunClock();
        var options = new CorrelatorOptions { RetainedStartBudget = TimeSpan.FromSeconds(2), RetainedTimeout = TimeSpan.FromSeconds(2) };
        await using var correlator = await TargetCorrelator.StartAsync(app.Pid, clock, options, CancellationToken.None);
        var measured = await correlator.MeasureRetainedAsync("before", "test", CancellationToken.None);

        Signal("STOP", app.Pid);
        RetainedMark? missing;
        try
        {
            missing = await correlator.MeasureRetainedAsync("frozen", "test", CancellationToken.None);
        }
        finally
        {
            Signal("CONT", app.Pid);
        }
        var result = await correlator.StopAsync();
        foreach (var note in result.Notes) output.WriteLine("note: " + note);

        Assert.Equal(RetainedReading.Measured, measured!.Reading);
        Assert.Equal(RetainedReading.Missing, missing!.Reading);
        Assert.True(double.IsNaN(missing.HeapBytes));
        Assert.Null(missing.GcNumber);
        Assert.Equal([measured], result.Retained);
        Assert.Equal([missing], result.MissedRetained);
        var evt = Assert.Single(result.Events, e => e.Kind == EventKind.RetainedMissing);
        Assert.Contains("attempt 2", evt.Message, StringComparison.Ordinal);
        Assert.Contains(result.Notes, n => n.StartsWith("retained heap at 'frozen' (test) missing:", StringComparison.Ordinal));
    }

    private static async Task UntilAFileIsIn(string folder)
    {
        for (var i = 0; i < 3000 && Directory.GetFiles(folder).Length == 0; i++) await Task.Delay(10);
        Assert.NotEmpty(Directory.GetFiles(folder));
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {pid}") { UseShellExecute = false })!;
        kill.WaitForExit(5000);
    }
}
