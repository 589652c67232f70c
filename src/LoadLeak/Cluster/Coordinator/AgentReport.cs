namespace LoadLeak.Cluster.Coordinator;

/// <summary>One agent for run.json's <c>agents[]</c>: who, what it ran, how its clock related to the coordinator's.</summary>
internal sealed record AgentReport(
    string Id,
    string Group,
    string Host,
    IReadOnlyList<AgentScenarioReport> Scenarios,
    double? ClockOffsetMs,
    double? ClockErrorMs,
    bool Lost,
    double? LostAt);
