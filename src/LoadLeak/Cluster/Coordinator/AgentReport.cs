namespace LoadLeak.Cluster.Coordinator;

/// <summary>
/// One agent for run.json's <c>agents[]</c>: who, what it ran, how its clock related to the coordinator's
/// (offset and its error bound from the best round trip; how late its run clock started after the agreed instant).
/// </summary>
internal sealed record AgentReport(
    string Id,
    string Group,
    string Host,
    IReadOnlyList<AgentScenarioReport> Scenarios,
    double? ClockOffsetMs,
    double? ClockErrorMs,
    double? StartLateMs,
    bool Lost,
    double? LostAt);
