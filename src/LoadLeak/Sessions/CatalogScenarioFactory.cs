using LoadLeak.Engine.Api;
using LoadLeak.Engine.Config;
using LoadLeak.Scenarios;
using LoadLeak.Scenarios.Settings;

namespace LoadLeak.Sessions;

/// <summary>The config's scenarios as HTTP, gRPC and Kafka scenarios (scenarios/).</summary>
internal sealed class CatalogScenarioFactory : IScenarioFactory
{
    public static readonly CatalogScenarioFactory Instance = new();

    public ScenarioProps Create(ScenarioConfig config, ScenarioEnvironment environment) =>
        ScenarioCatalog.Create(config.ScenarioName, config.CustomSettings, environment);
}
