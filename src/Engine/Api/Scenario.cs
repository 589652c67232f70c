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

    /// <summary>A scenario whose iteration completes as a ValueTask (the built-in clients); see <see cref="ValueIteration"/>.</summary>
    internal static ScenarioProps CreateValue(string name, Func<IScenarioContext, ValueTask<Response>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Create(name, new ValueIteration(run).RunAsTask);
    }
}
