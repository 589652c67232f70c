using LoadLeak.Cluster.Coordinator;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Running;

/// <summary>The coordinator's per-agent reports as run.json's <c>agents[]</c>, loss times on the session's clock.</summary>
internal static class ClusterAgentRecords
{
    public static IReadOnlyList<AgentRecord> Of(IReadOnlyList<AgentReport> reports, double shift) =>
        reports.Select(r => new AgentRecord(r.Id, r.Group, r.Host,
            r.Scenarios.Select(s => new AgentScenarioRecord(s.Name, s.Ok, s.Fail, s.Rps)).ToList(),
            r.ClockOffsetMs, r.ClockErrorMs, r.LoadStartLateMs, r.Lost, r.LostAt + shift)).ToList();
}
