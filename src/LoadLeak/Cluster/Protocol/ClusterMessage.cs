using System.Text.Json.Serialization;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Protocol;

/// <summary>
/// Every message on a cluster's subjects: JSON with a "type" discriminator, the protocol version and the
/// cluster id, so a message from another version or another cluster is recognised and ignored.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(AgentHello), "agent-hello")]
[JsonDerivedType(typeof(ProbeHello), "probe-hello")]
[JsonDerivedType(typeof(ClockPing), "clock-ping")]
[JsonDerivedType(typeof(ClockPong), "clock-pong")]
[JsonDerivedType(typeof(Heartbeat), "heartbeat")]
[JsonDerivedType(typeof(HeartbeatReply), "heartbeat-reply")]
[JsonDerivedType(typeof(Assignment), "assignment")]
[JsonDerivedType(typeof(AssignmentReply), "assignment-reply")]
[JsonDerivedType(typeof(StartRun), "start")]
[JsonDerivedType(typeof(StopRun), "stop")]
[JsonDerivedType(typeof(IntervalStats), "interval-stats")]
[JsonDerivedType(typeof(ResendRequest), "resend")]
[JsonDerivedType(typeof(AgentFinished), "agent-finished")]
[JsonDerivedType(typeof(ProbeAssignment), "probe-assignment")]
[JsonDerivedType(typeof(ProbeReady), "probe-ready")]
[JsonDerivedType(typeof(ProbeSamples), "probe-samples")]
[JsonDerivedType(typeof(ProbeEvent), "probe-event")]
[JsonDerivedType(typeof(ProbeNote), "probe-note")]
[JsonDerivedType(typeof(ProbeGcRequest), "probe-gc")]
[JsonDerivedType(typeof(ProbeGcReply), "probe-gc-reply")]
[JsonDerivedType(typeof(ProbeSnapshotRequest), "probe-snapshot")]
[JsonDerivedType(typeof(ProbeSnapshotReply), "probe-snapshot-reply")]
[JsonDerivedType(typeof(ProbeSnapshotFinish), "probe-snapshot-finish")]
[JsonDerivedType(typeof(ProbeSnapshotResult), "probe-snapshot-result")]
[JsonDerivedType(typeof(ProbeFinished), "probe-finished")]
internal abstract record ClusterMessage
{
    /// <summary>The protocol version the sender speaks.</summary>
    public int V { get; init; } = ClusterProtocol.Version;

    public string ClusterId { get; init; } = "";

    /// <summary>The sender's member id ("coordinator" for the coordinator).</summary>
    public string From { get; init; } = "";
}
