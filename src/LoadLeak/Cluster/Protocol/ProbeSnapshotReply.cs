namespace LoadLeak.Cluster.Protocol;

/// <summary>Whether the snapshot asked for was taken; the probe's console says how long it paused the target.</summary>
internal sealed record ProbeSnapshotReply(bool Taken) : ClusterMessage;
