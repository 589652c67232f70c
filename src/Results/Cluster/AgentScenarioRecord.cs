namespace LoadLeak.Results;

/// <summary>One scenario's figures on one agent (measured part, warm-up excluded).</summary>
public sealed record AgentScenarioRecord(string Name, long Ok, long Fail, [property: Round3] double Rps);
