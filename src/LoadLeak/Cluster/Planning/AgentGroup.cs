using LoadLeak.Results;
namespace LoadLeak.Cluster.Planning;

/// <summary>
/// Agents started with <c>--agent-group Name</c> run these scenarios (NBomber's ManualCluster AgentGroups).
/// An AutoCluster has one group, <see cref="AnyGroup"/>, that every agent belongs to.
/// </summary>
internal sealed record AgentGroup(string Name, IReadOnlyList<string> TargetScenarios)
{
    public const string AnyGroup = "";

    public bool Admits(string agentGroup) => Name == AnyGroup || string.Equals(Name, agentGroup, StringComparison.Ordinal);
}
