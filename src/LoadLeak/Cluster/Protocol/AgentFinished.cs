using LoadLeak.Engine.Running;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Protocol;

/// <summary>
/// An agent's last word: its totals, the last sequence number it streamed, why it failed if it did, how late
/// after the agreed instant its run clock started, and when (run ms) its first phase began after its scenarios'
/// Init. Their sum is how late its load started, beyond the clock offset's error. <see cref="Phases"/> are the
/// agent's phases on the run clock, named as in the config.
/// </summary>
internal sealed record AgentFinished(IReadOnlyList<ScenarioTotals> Totals, long LastSeq, string? Error, double ClockLateMs, double FirstPhaseAtMs)
    : ClusterMessage
{
    public IReadOnlyList<PhaseRecord> Phases { get; init; } = [];
}
