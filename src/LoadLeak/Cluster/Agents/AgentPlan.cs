using LoadLeak.Engine.Running;
using LoadLeak.Engine.Simulations;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Agents;

/// <summary>What an agent runs: the engine settings of its shares, and each scenario's original simulations (for phase names).</summary>
internal sealed record AgentPlan(EngineSettings Settings, IReadOnlyDictionary<string, IReadOnlyList<LoadSimulation>> Original);
