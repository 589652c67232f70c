using LoadLeak.Correlator.Soak;
using LoadLeak.Engine.Config;
using LoadLeak.Engine.Running;
using LoadLeak.Scenarios.Settings;
using LoadLeak.Soak;

namespace LoadLeak.Sessions;

/// <summary>
/// Everything one run needs, validated and frozen before anything starts (BenchmarkDotNet's
/// mutable config → immutable snapshot): flags and config are not read again after this.
/// </summary>
internal sealed record RunPlan
{
    public required string RunId { get; init; }
    public required string OutDir { get; init; }
    /// <summary>The config file; null when only scenarios registered in code run, without one.</summary>
    public string? ConfigPath { get; init; }
    /// <summary>The config as the console names it.</summary>
    public string ConfigLabel => ConfigPath ?? "none (code scenarios)";
    public required NBomberConfig Config { get; init; }
    public required TargetSpec Target { get; init; }
    /// <summary>Readiness URL template ({port} not yet filled); null means no readiness check.</summary>
    public string? ReadyUrl { get; init; }
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public double DurationScale { get; init; } = 1;
    public bool UseEventPipe { get; init; } = true;
    /// <summary>Go pprof and Prometheus URLs (templates until the session resolves them).</summary>
    public TargetEndpoints Endpoints { get; init; } = TargetEndpoints.None;
    public string CommandLine { get; init; } = "";
    public RunOptions Options { get; init; } = RunOptions.Default;
    public Correlator.Analysis.LeakOptions LeakOptions { get; init; } = new();
    /// <summary>Take and diff heap snapshots (baseline, peak, after cool-down).</summary>
    public bool Snapshots { get; init; }
    public bool KeepDumps { get; init; }
    /// <summary>Soak mode; null for an ordinary run.</summary>
    public SoakPlan? Soak { get; init; }
    /// <summary>What the plan chose on the user's behalf (e.g. the bundled default config): printed, and kept in run.json's notes.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The engine's settings: every target scenario built (so validated), durations scaled, soak's hold applied.</summary>
    public EngineSettings BuildEngineSettings(IScenarioFactory scenarios, ScenarioEnvironment environment)
    {
        var settings = scenarios.Complete(Config, environment).ToEngineSettings(config => scenarios.Create(config, environment), DurationScale);
        return Soak is { } soak ? soak.Shape(settings) : settings;
    }
}
