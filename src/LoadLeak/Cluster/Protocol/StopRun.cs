using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>
/// Broadcast: stop the load (or sampling) and send what is left (<see cref="Release"/> false); or, once the
/// coordinator has everything, exit now (<see cref="Release"/> true).
/// </summary>
internal sealed record StopRun(string Reason, bool Release) : ClusterMessage
{
    /// <summary>
    /// Only the agents stop (the memory guard stopped the load): the probe samples on, for the final retained-heap
    /// reading. Added after version 1 shipped: an older probe stops too, and that reading is then missing.
    /// </summary>
    public bool AgentsOnly { get; init; }
}
