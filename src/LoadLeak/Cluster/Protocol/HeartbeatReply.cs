using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>
/// A member's answer to a heartbeat: its state, its clock (each heartbeat is one more clock sample), and the
/// last sequence number of what it streamed, so the coordinator can ask again for anything lost on the way.
/// </summary>
internal sealed record HeartbeatReply(long Seq, long CoordinatorNs, long MemberNs, MemberState State, long LastSeq) : ClusterMessage;
