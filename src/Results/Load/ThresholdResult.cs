namespace LoadLeak.Results;

/// <summary>A threshold of one scenario checked on its final stats; <paramref name="Error"/> is why a check that threw failed.</summary>
public sealed record ThresholdResult(string Scenario, string Description, bool Passed, string? Error = null);
