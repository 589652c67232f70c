namespace LoadLeak.Cluster.Protocol;

/// <summary>An agent's last word: its totals, the last sequence number it streamed, and why it failed if it did.</summary>
internal sealed record AgentFinished(IReadOnlyList<ScenarioTotals> Totals, long LastSeq, string? Error) : ClusterMessage;
