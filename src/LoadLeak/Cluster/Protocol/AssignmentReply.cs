using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>An agent's or probe's answer to its assignment: ready, or why not (one line).</summary>
internal sealed record AssignmentReply(bool Ready, string? Error) : ClusterMessage;
