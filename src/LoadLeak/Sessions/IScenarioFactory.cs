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

    /// <summary>The config with the scenarios this factory adds (code-registered ones the config does not name).</summary>
    NBomberConfig Complete(NBomberConfig config, ScenarioEnvironment environment) => config;

    /// <summary>Which client the scenario sends with, how it was picked and why; null for scenarios that do not say (code-first ones).</summary>
    ClientChoice? ClientOf(ScenarioConfig config, ScenarioEnvironment environment) => null;

    /// <summary>Scenarios registered in code: TargetScenarios may name them, and a run of only them needs no config file.</summary>
    IReadOnlyList<string> CodeScenarios => [];

    /// <summary>The scenarios code chose to run (WithTargetScenarios), used when the config has no TargetScenarios; null runs all.</summary>
    IReadOnlyList<string>? TargetScenarios => null;
}
