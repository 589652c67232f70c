using LoadLeak.Engine.Config;
using LoadLeak.Engine.Running;
using LoadLeak.Scenarios.Settings;

namespace LoadLeak.Sessions;

/// <summary>The client each built scenario sends with, by scenario name, in the engine's scenario order.</summary>
internal static class ScenarioClients
{
    public static IReadOnlyList<KeyValuePair<string, ClientChoice>> Of(
        NBomberConfig config, EngineSettings settings, IScenarioFactory factory, ScenarioEnvironment environment)
    {
        var clients = new List<KeyValuePair<string, ClientChoice>>();
        foreach (var scenario in settings.Scenarios)
        {
            var scenarioConfig = config.Scenarios.FirstOrDefault(s => s.ScenarioName == scenario.Name);
            if (scenarioConfig is not null && factory.ClientOf(scenarioConfig, environment) is { } client)
                clients.Add(new(scenario.Name, client));
        }
        return clients;
    }
}
