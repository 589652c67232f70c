using LoadLeak.Engine.Schedules;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Coordinator;

/// <summary>The per-agent figures of a cluster run (measured part, warm-up excluded): its totals, or the rows it streamed when it was lost.</summary>
internal static class AgentReports
{
    public static IReadOnlyList<AgentReport> Build(ClusterCoordinator coordinator, TimeSpan interval) =>
        coordinator.AgentMembers.Select(member =>
        {
            var rows = coordinator.Stats.RowsOf(member.Id).Where(r => r.Phase != LoadPlan.WarmUpName).ToList();
            var scenarios = member.Shares.Select(share =>
            {
                var mine = rows.Where(r => r.Scenario == share.Scenario).ToList();
                // The agent's own totals when it finished (they are what the merged scenario totals add up), else its rows.
                var totals = member.Finished?.Totals.FirstOrDefault(t => t.Scenario == share.Scenario);
                var ok = totals?.Ok ?? mine.Sum(r => r.Ok);
                var fail = totals?.Fail ?? mine.Sum(r => r.Fail);
                var seconds = totals?.DurationSeconds ?? (mine.Count == 0 ? 0 : mine.Max(r => r.T) - mine.Min(r => r.T) + interval.TotalSeconds);
                return new AgentScenarioReport(share.Scenario, ok, fail, seconds > 0 ? (ok + fail) / seconds : 0);
            }).ToList();
            return new AgentReport(member.Id, member.Group, member.Host, scenarios, member.OffsetUsed?.OffsetMs, member.OffsetUsed?.ErrorMs,
                member.Finished is { } f ? f.ClockLateMs + (double.IsNaN(f.FirstPhaseAtMs) ? 0 : f.FirstPhaseAtMs) : null, member.Lost, member.LostAt);
        }).ToList();
}
