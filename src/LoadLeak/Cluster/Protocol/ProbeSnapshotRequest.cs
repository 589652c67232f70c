namespace LoadLeak.Cluster.Protocol;

/// <summary>Take the heap snapshot <paramref name="Label"/> (baseline, peak) of the target now (request/reply).</summary>
internal sealed record ProbeSnapshotRequest(string Label) : ClusterMessage;
