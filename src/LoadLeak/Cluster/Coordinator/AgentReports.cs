using LoadLeak.Engine.Schedules;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Coordinator;

/// <summary>
/// run.json's <c>agents[]</c> (measured part, warm-up excluded): each agent's totals, or the rows it streamed when it
/// was lost, and its throughput per interval, moved onto the session's clock by <c>shift</c>.
/// </summary>
internal static class AgentReports
{
    public static IReadOnlyList<AgentRecord> Build(ClusterCoordinator coordinator, TimeSpan interval, double shift = 0) =>
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
                return new AgentScenarioRecord(share.Scenario, ok, fail, seconds > 0 ? (ok + fail) / seconds : 0);
            }).ToList();
            var intervals = rows.GroupBy(r => r.T).OrderBy(g => g.Key)
                .Select(g => new AgentInterval(g.Key + shift, g.Sum(r => r.Ok), g.Sum(r => r.Fail),
                    g.Sum(r => r.Ok + r.Fail) / interval.TotalSeconds))
                .ToList();
            var startLate = member.Finished is { } f ? f.ClockLateMs + (double.IsNaN(f.FirstPhaseAtMs) ? 0 : f.FirstPhaseAtMs) : (double?)null;
            return new AgentRecord(member.Id, member.Group, member.Host, scenarios, member.OffsetUsed?.OffsetMs, member.OffsetUsed?.ErrorMs,
                startLate, member.Lost, member.LostAt + shift)
            { Intervals = intervals };
        }).ToList();
}
