namespace LoadLeak.Engine.Api;

/// <summary>Entry point of the scenario API, as NBomber's Scenario.Create.</summary>
public static class Scenario
{
    public static ScenarioProps Create(string name, Func<IScenarioContext, Task<Response>> run)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(run);
        return new ScenarioProps(name, run);
    }
}
