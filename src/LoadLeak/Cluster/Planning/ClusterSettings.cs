using LoadLeak.Cluster.Nats;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Planning;

/// <summary>
/// A validated cluster run, from NBomber's <c>ClusterSettings</c> JSON and the <c>--cluster-*</c> flags (flags win).
/// <see cref="Groups"/> is never empty: an AutoCluster is one group that admits every agent.
/// <see cref="LocalAgents"/> &gt; 0 means LoadLeak starts nats-server and that many agents itself
/// (<see cref="Endpoint"/> is then null until the server is up).
/// </summary>
internal sealed record ClusterSettings(
    string ClusterId,
    NatsEndpoint? Endpoint,
    int AgentsCount,
    IReadOnlyList<AgentGroup> Groups,
    bool WaitForProbe,
    TimeSpan Timeout,
    int LocalAgents)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public bool IsLocal => LocalAgents > 0;

    /// <summary>The groups an agent of <paramref name="agentGroup"/> serves.</summary>
    public IEnumerable<AgentGroup> GroupsOf(string agentGroup) => Groups.Where(g => g.Admits(agentGroup));
}
