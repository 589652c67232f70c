using LoadLeak.Correlator.Forensics;
using LoadLeak.Results;
using Xunit.Abstractions;

namespace LoadLeak.IntegrationTests.Correlator.Forensics;

/// <summary>Real dumps of a real child process that leaks in a known way, analysed with ClrMD.</summary>
public sealed class HeapSnapshotterTests(ITestOutputHelper output)
{
    [Fact(Timeout = 60_000)]
    public async Task Static_cache_leak_is_the_top_grower_and_its_path_names_the_static_field()
    {
        await using var app = await LeakyProcess.StartAsync("static-cache");
        using var snapshotter = new HeapSnapshotter();

        var (baseline, peak, after) = await ThreePhasesAsync(app, snapshotter, "grow 5000 1024");
        var result = HeapDiff.Compare(baseline, peak, after);
        Print(result);

        var top = result.TopGrowers[0];
        Assert.True(top.Type is "System.Byte[]" || top.Type.Contains("Entry", StringComparison.Ordinal), $"top grower was {top.Type}");
        Assert.True(top.SurvivesCoolDown);
        Assert.True(top.CountDelta >= 5000, $"count delta {top.CountDelta}");
        var paths = result.RetentionPaths.Where(p => p.Type == top.Type).ToList();
        Assert.NotEmpty(paths);
        Assert.Contains(paths, p => p.Root == "static LeakyApp.StaticCacheLeak.Cache" && p.Path[0] == p.Root && p.Path[^1]
            .StartsWith(top.Type, StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task Pending_async_methods_are_counted_per_method()
    {
        const int started = 300;
        await using var app = await LeakyProcess.StartAsync("pending-tasks");
        using var snapshotter = new HeapSnapshotter();

        var (baseline, peak, after) = await ThreePhasesAsync(app, snapshotter, $"grow {started} 512");
        var result = HeapDiff.Compare(baseline, peak, after);
        Print(result);

        Assert.DoesNotContain(baseline.PendingTasks, p => p.Method.Contains("AwaitReplyAsync", StringComparison.Ordinal));
        var pending = Assert.Single(result.PendingTasks, p => p.Method == "LeakyApp.PendingTasksLeak.AwaitReplyAsync");
        Assert.True(pending.Count >= started, $"pending {pending.Count} < {started}");
        Assert.Contains(result.PendingTasks, p => p.Method == "(promise) System.Threading.Tasks.Task<System.Int32>" && p.Count >= started);
    }

    [Fact(Timeout = 60_000)]
    public async Task Clean_workload_has_no_candidate_surviving_cool_down_and_dumps_stay_private()
    {
        await using var app = await LeakyProcess.StartAsync("clean");
        using var snapshotter = new HeapSnapshotter(new HeapSnapshotOptions { KeepDumps = true });

        var (baseline, peak, after) = await ThreePhasesAsync(app, snapshotter, "grow 5000 1024");
        var result = HeapDiff.Compare(baseline, peak, after);
        Print(result);

        Assert.Contains(result.TopGrowers, g => g.Type == "System.Byte[]" && g.PeakCountDelta >= 5000);
        Assert.DoesNotContain(result.TopGrowers, g => g.SurvivesCoolDown);
        Assert.Empty(result.RetentionPaths);
        foreach (var dump in new[] { baseline, peak, after }.Select(s => s.DumpPath!))
        {
            Assert.True(File.Exists(dump));
            if (OperatingSystem.IsWindows()) continue;
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dump));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                File.GetUnixFileMode(Path.GetDirectoryName(dump)!));
        }
        // Kept dumps leave the RAM-backed tmpfs for the temp folder on disk.
        Assert.Equal(Path.TrimEndingDirectorySeparator(Path.GetTempPath()), Path.GetDirectoryName(Path.GetDirectoryName(after.DumpPath!)));
        snapshotter.Dispose();
        if (Directory.Exists("/dev/shm")) Assert.Empty(Directory.GetDirectories("/dev/shm", $"loadleak-dumps-{Environment.ProcessId}-*"));
        Directory.Delete(Path.GetDirectoryName(after.DumpPath!)!, recursive: true);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_walk_out_of_budget_counts_every_object_garbage_included_and_says_so()
    {
        await using var app = await LeakyProcess.StartAsync("static-cache");
        await app.SendAsync("grow 5000 1024");
        await app.SendAsync("drop");
        using var whole = new HeapSnapshotter();
        using var cut = new HeapSnapshotter(new HeapSnapshotOptions { MaxWalkedObjects = 1000 });

        var live = await whole.TakeAsync(app.Pid, "whole", 0, CancellationToken.None);
        var all = await cut.TakeAsync(app.Pid, "cut", 0, CancellationToken.None);
        foreach (var note in all.Notes) output.WriteLine("note: " + note);

        Assert.True(live.LiveOnly);
        Assert.False(all.LiveOnly);
        Assert.Contains(all.Notes, n => n.StartsWith("reachability walk stopped after", StringComparison.Ordinal));
        // Every object on the heap is counted then, the dropped request buffers (garbage) with the cached ones.
        Assert.True(all.Objects >= live.Objects, $"{all.Objects} objects counted without the walk, {live.Objects} live");
        Assert.True(all.Types["System.Byte[]"].Count >= live.Types["System.Byte[]"].Count);
        Assert.True(live.Types["System.Byte[]"].Count >= 5000);
    }

    [Fact(Timeout = 60_000)]
    public async Task Dumps_are_deleted_after_analysis_by_default()
    {
        await using var app = await LeakyProcess.StartAsync("clean");
        string? folder;
        using (var snapshotter = new HeapSnapshotter())
        {
            var snapshot = await snapshotter.TakeAsync(app.Pid, "only", 0, CancellationToken.None);
            Assert.Null(snapshot.DumpPath);
            Assert.True(snapshot.Objects > 0 && snapshot.HeapBytes > 0);
            folder = snapshotter.DumpFolder;
            Assert.NotNull(folder);
            Assert.StartsWith($"loadleak-dumps-{Environment.ProcessId}-", Path.GetFileName(folder), StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(folder));
        }
        Assert.False(Directory.Exists(folder));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_normal_dump_is_refused_because_it_holds_no_heap_and_is_deleted()
    {
        await using var app = await LeakyProcess.StartAsync("clean");
        using var snapshotter = new HeapSnapshotter(new HeapSnapshotOptions { DumpType = Microsoft.Diagnostics.NETCore.Client.DumpType.Normal });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => snapshotter.TakeAsync(app.Pid, "normal", 0, CancellationToken.None));

        Assert.Contains("WithHeap", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(snapshotter.DumpFolder!));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_process_without_a_diagnostics_server_fails_and_leaves_no_dump()
    {
        using var exited = System.Diagnostics.Process.Start("true")!;
        await exited.WaitForExitAsync();
        var root = Directory.CreateTempSubdirectory("loadleak-forensics-test-").FullName;
        try
        {
            using var snapshotter = new HeapSnapshotter(new HeapSnapshotOptions { DumpRoot = root });

            await Assert.ThrowsAnyAsync<Exception>(() => snapshotter.TakeAsync(exited.Id, "gone", 0, CancellationToken.None));

            Assert.Empty(Directory.GetFiles(root, "*", SearchOption.AllDirectories));
            Assert.Null(snapshotter.Baseline);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<(HeapSnapshot Baseline, HeapSnapshot Peak, HeapSnapshot After)> ThreePhasesAsync(
        LeakyProcess app, HeapSnapshotter snapshotter, string load)
    {
        await app.SendAsync("gc");
        var baseline = await snapshotter.TakeAsync(app.Pid, "baseline", 0, CancellationToken.None);
        await app.SendAsync(load);
        var peak = await snapshotter.TakeAsync(app.Pid, "peak", 1, CancellationToken.None);
        await app.SendAsync("drop");
        await app.SendAsync("gc");
        var after = await snapshotter.TakeAsync(app.Pid, "after-cool-down", 2, CancellationToken.None);
        return (baseline, peak, after);
    }

    private void Print(HeapForensicsResult result)
    {
        foreach (var s in result.Snapshots)
            output.WriteLine($"{s.Label}: {s.HeapBytes / 1048576.0:0.0} MB, {s.Objects} objects, pause {s.PauseMs:0} ms, analysis {s.AnalysisMs:0} " +
                "ms");
        foreach (var g in result.TopGrowers.Take(5))
            output.WriteLine($"  {g.Type}: {g.CountDelta:+#;-#;0} objects, {g.BytesDelta:+#;-#;0} B, peak {g.PeakBytesDelta:+#;-#;0} B, survives " +
                $"{g.SurvivesCoolDown}");
        foreach (var p in result.RetentionPaths) output.WriteLine($"  path {p.Type} [{p.Root}] {p}");
        foreach (var p in result.PendingTasks.Take(5)) output.WriteLine($"  pending {p.Method}: {p.Count}");
        foreach (var n in result.Notes) output.WriteLine($"  note: {n}");
    }
}
