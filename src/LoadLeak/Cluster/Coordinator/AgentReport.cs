using LoadLeak.Results;
namespace LoadLeak.Cluster.Coordinator;

/// <summary>
/// One agent for run.json's <c>agents[]</c>: who, what it ran, how its clock related to the coordinator's
/// (offset and its error bound from the best round trip) and how late its load began after the cluster's second 0.
/// </summary>
internal sealed record AgentReport(
    string Id,
    string Group,
    string Host,
    IReadOnlyList<AgentScenarioReport> Scenarios,
    double? ClockOffsetMs,
    double? ClockErrorMs,
    double? LoadStartLateMs,
    bool Lost,
    double? LostAt);
