using LoadLeak.Engine.Api;
using LoadLeak.Engine.Config;
using LoadLeak.Scenarios.Settings;

namespace LoadLeak.Sessions;

/// <summary>
/// Scenarios registered in code (<see cref="LoadLeakRunner.RegisterScenarios"/>), with the config's
/// ScenariosSettings applied over them by name, as in NBomber; config scenarios with other names come from the
/// protocol catalog. {port}-style placeholders in a code scenario's CustomSettings are filled as in the config's.
/// </summary>
internal sealed class CodeScenarioFactory(
    IReadOnlyList<ScenarioProps> registered, IScenarioFactory fallback, IReadOnlyList<string>? targets = null) : IScenarioFactory
{
    public IReadOnlyList<string> CodeScenarios { get; } = [.. registered.Select(p => p.Name)];

    public IReadOnlyList<string>? TargetScenarios => targets;

    public ScenarioProps Create(ScenarioConfig config, ScenarioEnvironment environment) =>
        Find(config.ScenarioName) is { } props
            ? props with { CustomSettings = PlaceholderJson.Fill(props.CustomSettings, environment.Placeholders) }
            : fallback.Create(config, environment);

    public NBomberConfig Complete(NBomberConfig config, ScenarioEnvironment environment)
    {
        var scenarios = config.Scenarios
            .Select(c => Find(c.ScenarioName) is not null && c.HasCustomSettings
                ? c with { CustomSettings = PlaceholderJson.Fill(c.CustomSettings, environment.Placeholders) }
                : c)
            .ToList();
        foreach (var props in registered.Where(p => scenarios.All(c => c.ScenarioName != p.Name)))
        {
            var settings = new ScenarioConfig(props.Name, null, null, ScenarioProps.EmptyObject, null, null);
            scenarios.Add(settings with { JsonPath = $"code scenario '{props.Name}'" });
        }
        return config with { Scenarios = scenarios };
    }

    /// <summary>The catalog's scenarios keep their client line and run.json entry beside the code's.</summary>
    public ClientChoice? ClientOf(ScenarioConfig config, ScenarioEnvironment environment) =>
        Find(config.ScenarioName) is null ? fallback.ClientOf(config, environment) : null;

    private ScenarioProps? Find(string name) => registered.FirstOrDefault(p => p.Name == name);
}
