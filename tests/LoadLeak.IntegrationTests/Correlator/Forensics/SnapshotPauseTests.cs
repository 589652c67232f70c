using LoadLeak.Correlator.Forensics;
using Xunit.Abstractions;

namespace LoadLeak.IntegrationTests.Correlator.Forensics;

/// <summary>
/// The pause a snapshot reports is the target's measured stop (threads in ptrace tracing stop while
/// createdump writes), not the WriteDump call; the fixture's own stall meter cross-checks it from
/// inside. Dumps go to a private tmpfs folder when there is one. No assertion on absolute speed.
/// </summary>
public sealed class SnapshotPauseTests(ITestOutputHelper output)
{
    [Fact(Timeout = 60_000)]
    public async Task Measured_pause_is_within_the_WriteDump_call_and_matches_the_targets_own_stall()
    {
        await using var app = await LeakyProcess.StartAsync("static-cache");
        await app.SendAsync("grow 20000 1024");
        using var snapshotter = new HeapSnapshotter();

        await app.MaxStallMsAsync();
        var snapshot = await snapshotter.TakeAsync(app.Pid, "pause", 0, CancellationToken.None);
        var stall = await app.MaxStallMsAsync();
        output.WriteLine($"pause {snapshot.PauseMs:0} ms, WriteDump {snapshot.WriteDumpMs:0} ms, stall seen inside {stall:0} ms, " +
            $"{snapshot.DumpFolderKind}");
        foreach (var note in snapshot.Notes) output.WriteLine("note: " + note);

        Assert.True(snapshot.PauseMeasured, "no thread of the target was seen in tracing stop");
        Assert.True(snapshot.PauseMs > 0, $"pause {snapshot.PauseMs}");
        Assert.True(snapshot.PauseMs <= snapshot.WriteDumpMs, $"pause {snapshot.PauseMs} ms > WriteDump {snapshot.WriteDumpMs} ms");
        // The fixture's 1 ms ticker cannot run while its thread is stopped, so its longest gap spans that thread's stop. It is
        // shorter than the measured pause (the union over all threads) by createdump's thread-by-thread attach and
        // detach, a spread that grows with the machine's load (16 ms seen at load 10): the ticker must see at least
        // half of the pause, which a pause read from the WriteDump call or from the wrong process would not give.
        var resolution = snapshot.PauseResolutionMs!.Value;
        Assert.True(stall + 1 >= snapshot.PauseMs / 2 - resolution,
            $"the target saw a {stall} ms stall, the meter {snapshot.PauseMs} ± {resolution} ms");
        Assert.Equal(snapshot.PauseMs, snapshot.ToInfo().PauseMs);
        Assert.True(snapshot.ToInfo().PauseMeasured);
    }

    [Fact(Timeout = 60_000)]
    public async Task Dumps_go_to_a_private_tmpfs_folder_when_there_is_one_and_it_is_deleted()
    {
        var tmpfs = Directory.Exists("/dev/shm") && new DriveInfo("/dev/shm").DriveFormat == "tmpfs";
        await using var app = await LeakyProcess.StartAsync("clean");
        string folder;
        using (var snapshotter = new HeapSnapshotter(new HeapSnapshotOptions { KeepDumps = false }))
        {
            var snapshot = await snapshotter.TakeAsync(app.Pid, "where", 0, CancellationToken.None);
            folder = snapshotter.DumpFolder!;
            output.WriteLine($"{snapshot.DumpFolderKind}: {folder}");

            Assert.Equal(tmpfs ? "tmpfs" : "disk", snapshot.DumpFolderKind);
            Assert.Equal(tmpfs ? "/dev/shm" : Path.TrimEndingDirectorySeparator(Path.GetTempPath()), Path.GetDirectoryName(folder));
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                File.GetUnixFileMode(folder));
            Assert.Empty(Directory.GetFiles(folder));
            Assert.DoesNotContain(snapshot.Notes, n => n.Contains(folder, StringComparison.Ordinal));
        }
        Assert.False(Directory.Exists(folder));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_memory_root_that_is_not_tmpfs_falls_back_to_the_temp_folder()
    {
        var notTmpfs = Directory.CreateTempSubdirectory("loadleak-not-tmpfs-").FullName;
        try
        {
            await using var app = await LeakyProcess.StartAsync("clean");
            using var snapshotter = new HeapSnapshotter(new HeapSnapshotOptions { MemoryDumpRoot = notTmpfs });

            var snapshot = await snapshotter.TakeAsync(app.Pid, "fallback", 0, CancellationToken.None);

            Assert.Equal("disk", snapshot.DumpFolderKind);
            Assert.Equal(Path.TrimEndingDirectorySeparator(Path.GetTempPath()), Path.GetDirectoryName(snapshotter.DumpFolder));
            Assert.Empty(Directory.GetFileSystemEntries(notTmpfs));
        }
        finally
        {
            Directory.Delete(notTmpfs, recursive: true);
        }
    }
}
