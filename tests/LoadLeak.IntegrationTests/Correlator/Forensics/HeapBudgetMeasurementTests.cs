using LoadLeak.Correlator.Forensics;
using LoadLeak.Results;
using Xunit.Abstractions;

namespace LoadLeak.IntegrationTests.Correlator.Forensics;

/// <summary>
/// Measures pause and analysis time against the budget (1.5 s pause, 5 s analysis per 200 MB
/// heap) and prints them; times on a shared machine are noise, so nothing asserts on them.
/// </summary>
public sealed class HeapBudgetMeasurementTests(ITestOutputHelper output)
{
    [Theory(Timeout = 60_000)]
    [InlineData("200k entries of 1 KiB (few large objects)", 200_000, 1024)]
    [InlineData("1.2M entries of 64 B (many small objects)", 1_200_000, 64)]
    public async Task Snapshot_of_a_200_MB_heap_is_measured(string shape, int entries, int bytes)
    {
        await using var app = await LeakyProcess.StartAsync("static-cache");
        await app.SendAsync($"grow {entries} {bytes}");
        await app.SendAsync("drop");
        await app.SendAsync("gc");
        using var snapshotter = new HeapSnapshotter(new HeapSnapshotOptions { PathTypes = ["System.Byte[]"] });

        await app.MaxStallMsAsync();
        var snapshot = await snapshotter.TakeAsync(app.Pid, "budget", 0, CancellationToken.None);
        var observedStall = await app.MaxStallMsAsync();
        var budget = HeapBudget.From([snapshot.ToInfo()]);

        output.WriteLine($"{shape}: heap {snapshot.HeapBytes / 1048576.0:0.0} MB, {snapshot.Objects:N0} live objects");
        output.WriteLine($"pause (threads stopped{(snapshot.PauseMeasured ? "" : ": not measurable, WriteDump call")}) {snapshot.PauseMs:0} ms of " +
            $"{budget.PauseBudgetMs:0} ms budget; WriteDump call {snapshot.WriteDumpMs:0} ms; dump on {snapshot.DumpFolderKind}");
        output.WriteLine($"longest freeze the target itself observed across the snapshot {observedStall:0} ms");
        output.WriteLine($"analysis {snapshot.AnalysisMs:0} ms of {budget.AnalysisBudgetMs:0} ms budget");
        foreach (var note in snapshot.Notes) output.WriteLine("note: " + note);
        Assert.True(snapshot.HeapBytes > 150L * 1024 * 1024, $"heap only {snapshot.HeapBytes} bytes");
        Assert.True(snapshot.LiveOnly);
        Assert.Contains(snapshot.RetentionPaths, p => p.Root == "static LeakyApp.StaticCacheLeak.Cache");
    }
}
