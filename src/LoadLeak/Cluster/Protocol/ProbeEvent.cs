using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>Something the probe's correlator noticed on the timeline (counter gap, target exited).</summary>
internal sealed record ProbeEvent(long Seq, double T, EventKind Kind, string Message) : ClusterMessage;
