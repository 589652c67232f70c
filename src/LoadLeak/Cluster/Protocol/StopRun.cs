using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>
/// Broadcast: stop the load (or sampling) and send what is left (<see cref="Release"/> false); or, once the
/// coordinator has everything, exit now (<see cref="Release"/> true).
/// </summary>
internal sealed record StopRun(string Reason, bool Release) : ClusterMessage;
