using System.Diagnostics;
using System.Globalization;
using LoadLeak.Correlator;
using LoadLeak.Correlator.Analysis;
using LoadLeak.Engine.Running;
using LoadLeak.IntegrationTests.Correlator.Forensics;
using LoadLeak.Results;
using Xunit.Abstractions;

namespace LoadLeak.IntegrationTests.Correlator;

/// <summary>
/// Issue 17's done-when on a real .NET process: requests that block pool threads at 4/8/16 copies with a 15 s
/// cool-down are never a leak (the pool keeps idle threads 20 s), and the same service leaking heap still is.
/// Both children run at once (~45 s).
/// </summary>
public sealed class BlockedPoolVerdictTests(ITestOutputHelper output)
{
    private const int WarmUpSeconds = 5;
    private const int PhaseSeconds = 8;
    private const int CoolDownSeconds = 15;
    private static readonly LeakOptions ShortRun = LeakOptions.Default with { MinSamples = 15, MinBlockSeconds = 1 };

    [Fact]
    public async Task Blocked_pool_threads_after_a_short_cool_down_are_not_a_leak_and_a_heap_leak_beside_them_still_is()
    {
        _ = LeakyProcess.AppDll;
        var blocked = SampleAndJudge(holdBytes: 0);
        var leaking = SampleAndJudge(holdBytes: 16 * 1024);
        var (pool, leak) = (await blocked, await leaking);

        Assert.NotEqual(LeakVerdict.Leak, pool.Leak.Verdict);
        Assert.DoesNotContain(pool.Leak.Findings, f => f.IsLeak);
        var threads = Assert.Single(pool.Leak.Findings, f => f.Resource == LeakResource.ThreadPoolThreads);
        Assert.True(threads.Verdict == LeakVerdict.NoLeak || threads.Summary.Contains("idle timeout", StringComparison.Ordinal), threads.Summary);

        Assert.Equal(LeakVerdict.Leak, leak.Leak.Verdict);
        Assert.True(Assert.Single(leak.Leak.Findings, f => f.Resource == LeakResource.Heap).IsLeak);
        Assert.DoesNotContain(leak.Leak.Findings, f => f.IsLeak && f.Resource is LeakResource.Threads or LeakResource.ThreadPoolThreads);
    }

    private async Task<AnalysisResult> SampleAndJudge(int holdBytes)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        psi.Environment["DOTNET_GCgen0size"] = "0x400000";
        string[] args = ["exec", LeakyProcess.AppDll, "block-pool", $"{WarmUpSeconds}", $"{PhaseSeconds}", $"{CoolDownSeconds}", $"{holdBytes}"];
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet");
        try
        {
            Assert.StartsWith("ready", await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15)));
            var clock = new RunClock();
            await using var correlator = await TargetCorrelator.StartAsync(process.Id, clock, new CorrelatorOptions(), CancellationToken.None);
            var starts = new List<(string Name, int Copies, double T)>();
            var marks = new List<Task>();
            while (await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) is { } line && line != "done")
            {
                var parts = line.Split(' ');
                starts.Add((parts[1], int.Parse(parts[2], CultureInfo.InvariantCulture), clock.Seconds));
                if (parts[1] is "copies-4" or "cool-down") marks.Add(correlator.MeasureRetainedAsync(parts[1], "boundary", CancellationToken.None));
            }
            var end = clock.Seconds;
            await Task.WhenAll(marks);
            await correlator.MeasureRetainedAsync("end", "after cool-down", CancellationToken.None);
            var sampled = await correlator.StopAsync();
            return Judge(starts, end, sampled, holdBytes);
        }
        finally
        {
            LeakyChild.Kill(process);
        }
    }

    private AnalysisResult Judge(List<(string Name, int Copies, double T)> starts, double end, CorrelatorResult sampled, int holdBytes)
    {
        var phases = starts.Select((s, i) => new PhaseRecord(s.Name, "probe",
            s.Name == "warmup" ? PhaseKind.WarmUp : s.Copies == 0 ? PhaseKind.Pause : PhaseKind.Load,
            s.T, i + 1 < starts.Count ? starts[i + 1].T : end, "keep-constant", s.Copies, null)).ToList();
        var intervals = Enumerable.Range(1, (int)end).Select(t =>
        {
            var phase = phases.Last(p => p.Start < t);
            var rate = 20.0 * (phase.Copies ?? 0);
            return new IntervalRow(t, "probe", phase.Name, (long)rate, 0, rate, 0, 0, 0, phase.Copies ?? 0, rate, 0, 0);
        }).ToList();
        var result = LeakAnalyzer.Analyze(new AnalysisInput(phases, intervals, sampled.Samples, sampled.Retained, ShortRun));
        output.WriteLine($"hold {holdBytes} B/request: verdict {result.Leak.Verdict}");
        foreach (var p in phases) output.WriteLine($"  phase {p.Name} {p.Start:0.0}-{p.End:0.0} s");
        foreach (var f in result.Leak.Findings) output.WriteLine("  " + f.Summary);
        foreach (var n in result.Leak.Notes) output.WriteLine("  note: " + n);
        output.WriteLine("  os/pool threads: " + string.Join(' ', sampled.Samples.Select(s => $"{s.OsThreads}/{s.ThreadPoolThreads}")));
        return result;
    }
}
