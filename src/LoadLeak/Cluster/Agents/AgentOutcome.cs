using LoadLeak.Results;
namespace LoadLeak.Cluster.Agents;

/// <summary>How an agent's run ended.</summary>
internal enum AgentOutcome
{
    /// <summary>Ran its share and was released by the coordinator.</summary>
    Completed,
    /// <summary>Stopped early by the coordinator (Ctrl-C there, or the run's end).</summary>
    Stopped,
    /// <summary>The coordinator stopped answering; the load was stopped.</summary>
    CoordinatorLost,
    /// <summary>No coordinator assigned work within the join timeout.</summary>
    NeverAssigned,
    /// <summary>The assignment could not be run here (bad config, unknown scenario).</summary>
    Rejected,
    /// <summary>Interrupted locally (Ctrl-C, SIGTERM, or the test's kill).</summary>
    Interrupted,
}
