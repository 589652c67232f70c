using LoadLeak.Results;
namespace LoadLeak.Cluster.Coordinator;

/// <summary>One scenario's figures on one agent (measured part).</summary>
internal sealed record AgentScenarioReport(string Name, long Ok, long Fail, double Rps);
