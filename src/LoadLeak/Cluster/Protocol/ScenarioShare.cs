namespace LoadLeak.Cluster.Protocol;

/// <summary>An agent runs share <see cref="Index"/> of <see cref="Of"/> of a scenario's copies or rate (see LoadSplitter).</summary>
internal sealed record ScenarioShare(string Scenario, int Index, int Of);
