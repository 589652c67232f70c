using LoadLeak.Engine.Api;
using LoadLeak.Engine.Config;
using LoadLeak.Scenarios.Settings;

namespace LoadLeak.Sessions;

/// <summary>
/// Builds each of the config's scenarios. The protocol catalog today (<see cref="CatalogScenarioFactory"/>);
/// scenarios registered in code, with the config's settings applied over them, plug in here.
/// </summary>
internal interface IScenarioFactory
{
    ScenarioProps Create(ScenarioConfig config, ScenarioEnvironment environment);
}
