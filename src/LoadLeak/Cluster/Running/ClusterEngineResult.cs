using LoadLeak.Cluster.Coordinator;
using LoadLeak.Cluster.Merging;
using LoadLeak.Cluster.Protocol;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Schedules;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Running;

/// <summary>
/// The cluster's load as one engine result, on the session's clock: merged phases and rows, each scenario's totals
/// (an agent's own totals when it finished, else the rows it sent before it was lost), exact latency from the
/// agents' histograms, and the config's thresholds checked on the merged totals.
/// </summary>
internal static class ClusterEngineResult
{
    public static EngineResult Build(ClusterCoordinator coordinator, EngineSettings settings, double shift, bool cancelled)
    {
        var agents = coordinator.AgentMembers;
        var phases = PhaseMerger.Merge(agents.Where(a => a.Finished is not null).Select(a => a.Finished!.Phases))
            .Select(p => p with { Start = p.Start + shift, End = p.End + shift }).ToList();
        var rows = coordinator.Stats.MergedRows().Select(r => r with { T = r.T + shift }).ToList();
        var ran = settings.Scenarios.Where(s => rows.Any(r => r.Scenario == s.Name) || phases.Any(p => p.Scenario == s.Name)).ToList();
        var stats = ran.Select(props => Scenario(coordinator, agents, props.Name)).ToList();
        var thresholds = ran.Zip(stats).SelectMany(pair => ThresholdChecker.Check(pair.First, pair.Second)).ToList();
        return new EngineResult(phases, stats, rows, thresholds, cancelled);
    }

    private static ScenarioStats Scenario(ClusterCoordinator coordinator, IReadOnlyList<ClusterMember> agents, string name)
    {
        var totals = agents.Select(a => a.Finished?.Totals.FirstOrDefault(t => t.Scenario == name) ?? FromRows(coordinator, a.Id, name))
            .Where(t => t is not null).Select(t => t!).ToList();
        var (corrected, uncorrected, count) = coordinator.Stats.TotalLatency(name);
        if (count == 0 && totals.Any(t => t.Latency is not null))
            (corrected, uncorrected) = (Approximate(totals, t => t.Latency), Approximate(totals, t => t.LatencyUncorrected));
        var ok = totals.Sum(t => t.Ok);
        var fail = totals.Sum(t => t.Fail);
        var seconds = totals.Select(t => t.DurationSeconds).DefaultIfEmpty(0).Max();
        var codes = totals.SelectMany(t => t.StatusCodes).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        var errors = totals.SelectMany(t => t.Errors).GroupBy(e => (e.Status, e.Message))
            .Select(g => new ErrorCount(g.Key.Status, g.Key.Message, g.Sum(e => e.Count))).OrderByDescending(e => e.Count).ToList();
        return new ScenarioStats(name, ok, fail, seconds > 0 ? (ok + fail) / seconds : 0, seconds, corrected, uncorrected, codes, errors,
            totals.Sum(t => t.Bytes), totals.Sum(t => t.Late), totals.Sum(t => t.Dropped))
        { StopReason = totals.Select(t => t.StopReason).FirstOrDefault(r => r is not null) };
    }

    /// <summary>Without histograms: each percentile the highest agent's (an upper bound), the mean weighted by requests.</summary>
    private static LatencySummary Approximate(IReadOnlyList<ScenarioTotals> totals, Func<ScenarioTotals, LatencySummary?> of)
    {
        var parts = totals.Where(t => of(t) is not null).Select(t => (Summary: of(t)!, Count: t.Ok + t.Fail)).ToList();
        double Max(Func<LatencySummary, double> f) => parts.Max(p => f(p.Summary));
        var count = parts.Sum(p => p.Count);
        var mean = count == 0 ? 0 : parts.Sum(p => p.Summary.Mean * p.Count) / count;
        return new LatencySummary(Max(l => l.P50), Max(l => l.P75), Max(l => l.P90), Max(l => l.P95), Max(l => l.P99), Max(l => l.P999),
            Max(l => l.Max), mean, Max(l => l.StdDev));
    }

    /// <summary>A lost agent's totals from the rows it sent (measured part); null when it sent none of this scenario.</summary>
    private static ScenarioTotals? FromRows(ClusterCoordinator coordinator, string agent, string scenario)
    {
        var rows = coordinator.Stats.RowsOf(agent).Where(r => r.Scenario == scenario && r.Phase != LoadPlan.WarmUpName).ToList();
        if (rows.Count == 0) return null;
        var seconds = rows.Sum(r => r.Rps > 0 ? (r.Ok + r.Fail) / r.Rps : 0);
        return new ScenarioTotals(scenario, rows.Sum(r => r.Ok), rows.Sum(r => r.Fail), seconds, rows.Sum(r => r.Bytes), rows.Sum(r => r.Late),
            rows.Sum(r => r.Dropped), new Dictionary<string, long>(), [], "agent lost");
    }
}
