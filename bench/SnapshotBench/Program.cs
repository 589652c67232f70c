using System.Diagnostics;
using System.Globalization;
using LoadLeak.Correlator.Forensics;
using Microsoft.Diagnostics.NETCore.Client;

// What one heap snapshot costs: the target's measured stop, the WriteDump call, the analysis.
// Usage (see bench/snapshot.sh):
//   SnapshotBench --leaky-app <LeakyApp.dll> [--mb 200] [--entry-bytes 1024] [--env K=V]...   a fixture heap of ~N MB
//   SnapshotBench --pid <pid>                                                                  any running .NET process
// Common: [--path-type System.Byte[]] [--counters on] [--runs 3] [--dump-type WithHeap|Normal|Full|Triage]
//         [--dump-root tmpfs|disk|<dir>] [--label text]
var options = BenchOptions.Parse(args);
await using var app = options.LeakyAppDll is null ? null : await LeakyChild.StartAsync(options.LeakyAppDll, options.Env);
var pid = app?.Pid ?? options.Pid ?? throw new ArgumentException("--leaky-app or --pid is required");
if (app is not null)
{
    var entries = (int)(options.Megabytes * 1048576L / (options.EntryBytes + 120));
    await app.SendAsync($"grow {entries} {options.EntryBytes}");
    await app.SendAsync("drop");
    await app.SendAsync("gc");
}

var snapshotOptions = new HeapSnapshotOptions
{
    DumpType = options.DumpType,
    DumpRoot = options.DumpRoot is "tmpfs" or "disk" ? null : options.DumpRoot,
    MemoryDumpRoot = options.DumpRoot == "disk" ? null : "/dev/shm",
    // Retention paths for the fixture's cached buffers, so their cost is part of the analysis time.
    PathTypes = [options.PathType],
};
Console.WriteLine(string.Join('\t', "lever", "run", "heapMB", "objects", "rssMB", "dumpMB", "folder", "writeDumpMs", "pauseMs", "resolutionMs",
    "insideStallMs", "createdumpCpuMs", "analysisMs", "analysisCpuMs", "runnerBeforeMB", "runnerPeakMB", "runnerHwmMB", "peakAnonMB", "peakFileMB",
    "peakShmemMB", "counterGaps/silentS", "loadavg"));
for (var run = 1; run <= options.Runs; run++)
{
    using var snapshotter = new HeapSnapshotter(snapshotOptions);
    if (app is not null) await app.MaxStallMsAsync();
    var rss = Rss(pid);
    var childCpu = ChildrenCpuMs(pid);
    var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
    HeapSnapshot snapshot;
    await using var counters = options.Counters ? await CounterWatch.StartAsync(pid) : null;
    // Collect first, so the figure is what this snapshot needs, not the previous run's garbage.
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    var rssSampler = RssSampler.Start();
    try
    {
        snapshot = await snapshotter.TakeAsync(pid, "bench", 0, CancellationToken.None);
        rssSampler.Stop();
    }
    catch (Exception e)
    {
        rssSampler.Stop();
        Console.WriteLine($"{options.Label}\t{run}\tFAILED: {e.GetType().Name}: {e.Message}");
        continue;
    }
    // The runtime reaps createdump, so its CPU time lands in the target's cutime+cstime; ours is mostly ClrMD.
    childCpu = ChildrenCpuMs(pid) - childCpu;
    var analysisCpu = (Process.GetCurrentProcess().TotalProcessorTime - ownCpu).TotalMilliseconds;
    var stall = app is null ? double.NaN : await app.MaxStallMsAsync();
    var gaps = counters is null ? "n/a" : await counters.StopAsync(Console.Error);
    Console.WriteLine(string.Join('\t',
        options.Label, run, Mb(snapshot.HeapBytes), snapshot.Objects, Mb(rss), Mb(snapshot.DumpBytes), snapshot.DumpFolderKind,
        F(snapshot.WriteDumpMs), snapshot.PauseMeasured ? F(snapshot.PauseMs) : "n/a", F(snapshot.PauseResolutionMs ?? double.NaN),
        F(stall), F(childCpu), F(snapshot.AnalysisMs), F(analysisCpu),
        Mb(rssSampler.Before), Mb(rssSampler.PeakRss), Mb(rssSampler.HighWaterMark), Mb(rssSampler.PeakAnon), Mb(rssSampler.PeakFile),
        Mb(rssSampler.PeakShmem), gaps, File.ReadAllText("/proc/loadavg").Split(' ')[0]));
    foreach (var note in snapshot.Notes) Console.Error.WriteLine($"  note: {note}");
}

static string F(double v) => double.IsNaN(v) ? "n/a" : v.ToString("0", CultureInfo.InvariantCulture);
static string Mb(double bytes) => (bytes / 1048576).ToString("0.0", CultureInfo.InvariantCulture);
static double Rss(int pid) =>
    File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
        .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024).FirstOrDefault();
static double ChildrenCpuMs(int pid)
{
    var stat = File.ReadAllText($"/proc/{pid}/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    // fields[0] is field 3 (state): cutime and cstime are fields 16 and 17, in USER_HZ (100/s).
    return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) * 10.0;
}
internal sealed record BenchOptions(string? LeakyAppDll, int? Pid, double Megabytes, int EntryBytes, int Runs, DumpType DumpType, string DumpRoot,
    string Label, IReadOnlyList<string> Env, string PathType, bool Counters)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        var env = new List<string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--env") env.Add(args[i + 1]);
            else values[args[i]] = args[i + 1];
        }
        string? Get(string name) => values.GetValueOrDefault(name);
        int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var dumpType = Enum.Parse<DumpType>(Get("--dump-type") ?? "WithHeap");
        var root = Get("--dump-root") ?? "tmpfs";
        return new BenchOptions(Get("--leaky-app"), Get("--pid") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : null,
            Int("--mb", 200), Int("--entry-bytes", 1024), Int("--runs", 3), dumpType, root,
            Get("--label") ?? $"{dumpType}/{root}{(env.Count > 0 ? "/" + string.Join(",", env) : "")}", env,
            Get("--path-type") ?? "System.Byte[]", Get("--counters") == "on");
    }
}

/// <summary>The LeakyApp fixture in static-cache mode, driven over stdin.</summary>
internal sealed class LeakyChild(Process process) : IAsyncDisposable
{
    public int Pid => process.Id;

    public static async Task<LeakyChild> StartAsync(string dll, IEnumerable<string> env)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("static-cache");
        foreach (var pair in env) info.Environment[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
        var child = new LeakyChild(Process.Start(info)!);
        await child.ExpectAsync("ready");
        return child;
    }

    public async Task<string> SendAsync(string command)
    {
        await process.StandardInput.WriteLineAsync(command);
        await process.StandardInput.FlushAsync();
        return await ExpectAsync("ok " + command);
    }

    public async Task<double> MaxStallMsAsync()
    {
        var answer = await SendAsync("stall");
        return double.Parse(answer[(answer.IndexOf('=') + 1)..], CultureInfo.InvariantCulture);
    }

    private async Task<string> ExpectAsync(string prefix)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("LeakyApp exited");
            if (line.StartsWith(prefix, StringComparison.Ordinal)) return line;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
