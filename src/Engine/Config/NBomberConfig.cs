using System.Text.Json;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;

namespace LoadLeak.Engine.Config;

/// <summary>
/// An NBomber JSON config (see CONFIG.md next to this file). Parsing never lets a raw
/// JsonException or FormatException escape: every problem is a <see cref="ConfigException"/> whose
/// message names the file and the JSON path.
/// </summary>
public sealed record NBomberConfig
{
    public required string SourceName { get; init; }
    public string? TestSuite { get; init; }
    public string? TestName { get; init; }
    /// <summary>Scenarios to run; null runs every scenario of <see cref="Scenarios"/>.</summary>
    public IReadOnlyList<string>? TargetScenarios { get; init; }
    public IReadOnlyList<ScenarioConfig> Scenarios { get; init; } = [];
    public string? ReportFileName { get; init; }
    public string? ReportFolder { get; init; }
    public IReadOnlyList<string>? ReportFormats { get; init; }
    public TimeSpan? ReportingInterval { get; init; }

    /// <summary>
    /// From <c>GlobalSettings.ScenariosRunMode</c> (a LoadLeak addition): "Concurrent" (default) runs all
    /// target scenarios at once, as NBomber does; "Sequential" runs them one after another, e.g. to
    /// compare candidates under identical load without them competing.
    /// </summary>
    public bool Sequential { get; init; }

    /// <summary>The raw top-level "LoadLeak" object (empty object if absent), for the correlator, SLOs, faults...</summary>
    public JsonElement Extensions { get; init; } = ScenarioProps.EmptyObject;

    /// <summary>Engine options from <c>LoadLeak.Engine</c>: MaxInFlight, LateToleranceMs, RandomSeed.</summary>
    public EngineOptions Engine { get; init; } = new();

    /// <param name="codeScenarios">Scenarios registered in code, which TargetScenarios may name; none by default.</param>
    public static NBomberConfig Load(string path, IReadOnlyCollection<string>? codeScenarios = null)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ConfigException($"{path}: cannot read the config file: {e.Message}", e);
        }
        return Parse(json, path, codeScenarios);
    }

    public static NBomberConfig Parse(string json, string sourceName, IReadOnlyCollection<string>? codeScenarios = null) =>
        NBomberConfigReader.Read(json, sourceName, codeScenarios ?? []);

    /// <summary>
    /// A scenario name that neither the config nor code knows, with the names that exist: the config's, and then
    /// those only code registers.
    /// </summary>
    public static string UnknownScenario(string name, IReadOnlyCollection<string> configured, IReadOnlyCollection<string> codeScenarios)
    {
        var known = configured.Count == 0 ? "none" : string.Join(", ", configured);
        var codeOnly = codeScenarios.Where(c => !configured.Contains(c)).ToList();
        var code = codeOnly.Count == 0 ? "" : $"; registered in code: {string.Join(", ", codeOnly)}";
        return $"unknown scenario '{name}' (GlobalSettings.ScenariosSettings has: {known}{code})";
    }

    /// <summary>
    /// Builds the engine settings: for each target scenario (TargetScenarios, or all), asks the factory for
    /// the scenario, applies the config's overrides (the config wins over code) and scales warm-up and
    /// During by <paramref name="durationScale"/> (intervals and rates stay, so a scaled run keeps its rates).
    /// </summary>
    public EngineSettings ToEngineSettings(Func<ScenarioConfig, ScenarioProps> scenarioFactory, double durationScale)
    {
        if (!(durationScale > 0) || double.IsInfinity(durationScale))
            throw new ConfigException($"--duration-scale must be > 0, got {durationScale.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        var targets = TargetScenarios ?? Scenarios.Select(s => s.ScenarioName).ToList();
        var props = targets
            .Select(name => Scenarios.First(s => s.ScenarioName == name))
            .Select(config => DurationScaling.Scale(ApplyTo(scenarioFactory(config), config), durationScale))
            .ToList();
        return new EngineSettings(props, ReportingInterval ?? TimeSpan.FromSeconds(1), Sequential)
        {
            MaxInFlight = Engine.MaxInFlight ?? 10_000,
            LateTolerance = Engine.LateTolerance ?? TimeSpan.FromMilliseconds(20),
            RandomSeed = Engine.RandomSeed,
        };
    }

    /// <summary>Applies what the config sets for a scenario over what code built; what the config leaves out stays.</summary>
    public static ScenarioProps ApplyTo(ScenarioProps props, ScenarioConfig config)
    {
        var result = props;
        if (config.WarmUpDuration is { } warmUp) result = result.WithWarmUpDuration(warmUp);
        if (config.LoadSimulations is { } simulations) result = result with { LoadSimulations = simulations };
        if (config.MaxFailCount is { } maxFail) result = result.WithMaxFailCount(maxFail);
        if (config.Thresholds is { } thresholds) result = result with { Thresholds = thresholds };
        if (config.HasCustomSettings) result = result with { CustomSettings = config.CustomSettings };
        return result;
    }
}
