using LoadLeak.Results;

namespace LoadLeak.Correlator.Comparing;

/// <summary>
/// The per-interval values of the metrics that have them (throughput, median and p99 latency) over a run's
/// load phases, in interval order: warm-up and pauses left out, concurrent scenarios summed (throughput) or
/// weighted by their successful requests (latency). Two runs of one plan line up interval by interval.
/// </summary>
internal static class PerSecondSeries
{
    public static readonly IReadOnlyList<string> Metrics = ["rps", "p50", "p99"];

    public static IReadOnlyDictionary<string, IReadOnlyList<double>> Extract(RunDocument run)
    {
        var load = run.Phases.Where(p => p.Kind == PhaseKind.Load).Select(p => (p.Scenario, p.Name)).ToHashSet();
        var slots = run.Intervals.Where(r => load.Contains((r.Scenario, r.Phase)))
            .GroupBy(r => Math.Round(r.T, 1)).OrderBy(g => g.Key).ToList();
        var rps = new List<double>();
        var p50 = new List<double>();
        var p99 = new List<double>();
        foreach (var slot in slots)
        {
            rps.Add(slot.Sum(r => r.Rps));
            var ok = slot.Sum(r => r.Ok);
            if (ok == 0) continue;
            p50.Add(slot.Sum(r => r.P50 * r.Ok) / ok);
            p99.Add(slot.Sum(r => r.P99 * r.Ok) / ok);
        }
        return new Dictionary<string, IReadOnlyList<double>> { ["rps"] = rps, ["p50"] = p50, ["p99"] = p99 };
    }
}
