using LoadLeak.Results;

namespace LoadLeak.Correlator.Comparing;

/// <summary>Reads the compared metrics off one run.json. Null where the run did not measure it.</summary>
internal static class RunMetricsExtractor
{
    public static IReadOnlyDictionary<string, double?> Extract(RunDocument run)
    {
        var loadStart = run.Phases.Where(p => p.Kind != PhaseKind.WarmUp).Select(p => p.Start).DefaultIfEmpty(0).Min();
        var loadEnd = run.Phases.Select(p => p.End).DefaultIfEmpty(run.DurationSeconds).Max();
        var during = run.Samples.Where(s => s.T > loadStart && s.T <= loadEnd + 0.5).ToArray();
        var baseline = run.Samples.LastOrDefault(s => s.T <= loadStart + 0.5) ?? during.FirstOrDefault();
        var requests = run.Scenarios.Sum(s => s.Ok + s.Fail);

        double? Memory(TargetSample s) => s.RssBytes ?? s.WorkingSetBytes;
        var baselineMemory = baseline is null ? null : Memory(baseline);
        var peakMemory = during.Select(Memory).Where(v => v is not null).Max();
        var baselineThreads = baseline?.Threads;
        var peakThreads = during.Select(s => s.Threads).Where(v => v is not null).Max();
        var cpu = during.Where(s => s.Cpu is not null).Sum(s => s.Cpu!.Value);
        var pauses = run.Samples.Where(s => s.GcPauseMs is not null).Sum(s => s.GcPauseMs!.Value);
        var retainedGrowth = run.Retained.Count >= 2 ? run.Retained[^1].HeapBytes - run.Retained[0].HeapBytes : (double?)null;

        return new Dictionary<string, double?>
        {
            ["startup-time"] = run.Meta.StartupSeconds,
            ["baseline-memory"] = baselineMemory / 1048576.0,
            ["memory-increment"] = peakMemory - baselineMemory is { } inc ? inc / 1048576.0 : null,
            ["retained-per-request"] = requests > 0 ? retainedGrowth / requests : null,
            ["cpu-per-request"] = requests > 0 && during.Any(s => s.Cpu is not null) ? cpu / requests * 1e6 : null,
            ["rps"] = run.Scenarios.Sum(s => s.Rps),
            ["p50"] = Weighted(run, s => s.Latency.P50),
            ["p99"] = Weighted(run, s => s.Latency.P99),
            ["errors"] = run.Scenarios.Sum(s => s.Fail),
            ["gc-pause-share"] = run.Samples.Any(s => s.GcPauseMs is not null) && run.DurationSeconds > 0
                ? pauses / (run.DurationSeconds * 1000) * 100 : null,
            ["threads-increment"] = peakThreads - baselineThreads,
        };
    }

    /// <summary>Weighted by successful responses, the only ones latency is measured on (a scenario that only failed has none, not 0).</summary>
    private static double? Weighted(RunDocument run, Func<ScenarioStats, double> value)
    {
        var total = run.Scenarios.Sum(s => s.Ok);
        return total == 0 ? null : run.Scenarios.Sum(s => value(s) * s.Ok) / total;
    }
}
