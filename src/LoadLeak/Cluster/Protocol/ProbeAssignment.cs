using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>What the probe does: the placeholders for a target it launches, and how to sample (request/reply).</summary>
internal sealed record ProbeAssignment(IReadOnlyDictionary<string, string> Placeholders, bool UseEventPipe, long ClockOffsetNs) : ClusterMessage;
