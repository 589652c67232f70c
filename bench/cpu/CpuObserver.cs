using System.Diagnostics;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;

namespace LoadLeak.Bench.Cpu;

/// <summary>Reads the process's CPU time at every interval row, so CPU per iteration is per interval and excludes startup.</summary>
internal sealed class CpuObserver : IEngineObserver
{
    private readonly List<(double T, long Iterations, TimeSpan Cpu)> _points = [];

    public void OnPhaseStarted(PhaseRecord phase) { }

    public void OnInterval(IReadOnlyList<IntervalRow> rows)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        _points.Add((rows.Count > 0 ? rows[0].T : 0, rows.Sum(r => r.Ok + r.Fail), cpu));
    }

    public void Report(int warmUpSeconds, EngineResult result)
    {
        // Skip the warm-up and the first measured second (tier-1 JIT may still be compiling).
        var measured = _points.Where(p => p.T > warmUpSeconds + 1.5).ToList();
        for (var i = 1; i < measured.Count; i++)
        {
            var (t, n, cpu) = measured[i];
            var micros = (cpu - measured[i - 1].Cpu).TotalMicroseconds;
            Console.WriteLine(FormattableString.Invariant($"t={t,6:F1}s iterations={n,8} cpu={micros / 1000,8:F1} ms  {(n > 0 ? micros / n : 0),7:F2} µs/iteration"));
        }
        if (measured.Count < 2) { Console.WriteLine("too few intervals"); return; }
        var iterations = measured.Skip(1).Sum(p => p.Iterations);
        var total = (measured[^1].Cpu - measured[0].Cpu).TotalMicroseconds;
        var wall = measured[^1].T - measured[0].T;
        var stats = result.Scenarios[0];
        Console.WriteLine(FormattableString.Invariant(
            $"window {wall:F1}s: {iterations} iterations, {iterations / wall:F0}/s, {total / iterations:F2} µs CPU/iteration, {total / 1e6 / wall:F2} cores; run ok={stats.Ok} fail={stats.Fail} p99={stats.Latency.P99:F2} ms; load {File.ReadAllText("/proc/loadavg").Trim()}"));
    }
}
