namespace LoadLeak.Engine.Scenarios;

public sealed record ThresholdResult(string Scenario, string Description, bool Passed, string? Error = null);
