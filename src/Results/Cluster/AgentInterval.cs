namespace LoadLeak.Results;

/// <summary>One interval of one load agent, all its scenarios together (run.json <c>agents[].intervals[]</c>): its own throughput.</summary>
public sealed record AgentInterval([property: Round3] double T, long Ok, long Fail, [property: Round3] double Rps);
