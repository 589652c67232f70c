namespace LoadLeak.Engine.Api;

public sealed record ScenarioInfo(string ScenarioName, int InstanceNumber);
