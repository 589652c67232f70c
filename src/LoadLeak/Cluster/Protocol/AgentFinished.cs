namespace LoadLeak.Cluster.Protocol;

/// <summary>
/// An agent's last word: its totals, the last sequence number it streamed, why it failed if it did, and how
/// late after the agreed instant its run clock started (its start skew beyond the clock offset's error).
/// </summary>
internal sealed record AgentFinished(IReadOnlyList<ScenarioTotals> Totals, long LastSeq, string? Error, double StartLateMs) : ClusterMessage;
