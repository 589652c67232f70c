using LoadLeak.Results;

namespace LoadLeak.Cluster.Protocol;

/// <summary>
/// The analysed heap snapshots of the target (the report's heap section), times on the probe's run clock; null when
/// fewer than three were taken. The dumps never leave the probe's host.
/// </summary>
internal sealed record ProbeSnapshotResult(HeapForensicsResult? Forensics) : ClusterMessage;
