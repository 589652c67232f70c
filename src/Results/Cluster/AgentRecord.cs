namespace LoadLeak.Results;

/// <summary>
/// One load agent of a cluster run (run.json <c>agents[]</c>): who it was, what it ran, its clock offset to the
/// coordinator with the error bound of the best round trip, how late its load began after the cluster's second 0,
/// and whether it was lost mid-run (its rows received until then are kept in the merged figures). Its intervals
/// (measured part, on the run's clock) draw the per-agent throughput plot.
/// </summary>
public sealed record AgentRecord(
    string Id,
    string Group,
    string Host,
    IReadOnlyList<AgentScenarioRecord> Scenarios,
    [property: Round3] double? ClockOffsetMs,
    [property: Round3] double? ClockErrorMs,
    [property: Round3] double? LoadStartLateMs,
    bool Lost,
    [property: Round3] double? LostAt)
{
    public IReadOnlyList<AgentInterval>? Intervals { get; init; }
}
