namespace LoadLeak.Cluster.Protocol;

/// <summary>Take the after-cool-down snapshot (when the target still runs) and diff the three (request/reply).</summary>
internal sealed record ProbeSnapshotFinish(bool TargetAlive) : ClusterMessage;
