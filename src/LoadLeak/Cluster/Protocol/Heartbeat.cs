using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>The coordinator's liveness check of one member (request/reply); members that stop hearing it stop.</summary>
internal sealed record Heartbeat(long Seq, long CoordinatorNs) : ClusterMessage;
