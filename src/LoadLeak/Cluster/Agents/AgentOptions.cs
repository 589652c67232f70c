using LoadLeak.Cluster.Nats;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Agents;

/// <summary>How an agent joins: where NATS is, which cluster, its group and id, how long it waits for a coordinator.</summary>
internal sealed record AgentOptions(NatsEndpoint Endpoint, string ClusterId, string Group, string Id, TimeSpan JoinTimeout)
{
    public static readonly TimeSpan DefaultJoinTimeout = TimeSpan.FromMinutes(10);
}
