namespace LoadLeak.Engine.Scenarios;

public sealed record ScenarioInfo(string ScenarioName, int InstanceNumber);
