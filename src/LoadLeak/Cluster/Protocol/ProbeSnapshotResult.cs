using System.Text.Json;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Protocol;

/// <summary>The analysed heap snapshots of the target (the report's heap section as JSON); the dumps never leave the probe's host.</summary>
internal sealed record ProbeSnapshotResult(JsonElement Forensics) : ClusterMessage;
