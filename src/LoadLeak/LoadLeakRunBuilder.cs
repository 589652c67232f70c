using LoadLeak.Cli;
using LoadLeak.Engine.Api;
using LoadLeak.Sessions;

namespace LoadLeak;

/// <summary>
/// Code-registered scenarios plus the config and target to run them with. Immutable: each With… returns a copy.
/// <see cref="Run"/> takes the `loadleak` command line (the program's args): its flags win over what was set here.
/// </summary>
public sealed record LoadLeakRunBuilder
{
    private readonly IReadOnlyList<ScenarioProps> _scenarios;

    internal LoadLeakRunBuilder(IReadOnlyList<ScenarioProps> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var duplicate = scenarios.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"scenario '{duplicate.Key}' is registered twice", nameof(scenarios));
        _scenarios = scenarios;
    }

    /// <summary>The NBomber config: its ScenariosSettings override registered scenarios by name.</summary>
    public string? ConfigPath { get; private init; }

    /// <summary>The target's command line ({port}, {grpcPort} filled); null runs the bundled target.</summary>
    public string? TargetCommand { get; private init; }

    /// <summary>The URL that answers once the target is ready; null waits for the command's {port}.</summary>
    public string? TargetReadyUrl { get; private init; }

    public LoadLeakRunBuilder LoadConfig(string path) => this with { ConfigPath = path };

    public LoadLeakRunBuilder WithTarget(string command, string? readyUrl = null) =>
        this with { TargetCommand = command, TargetReadyUrl = readyUrl };

    /// <summary>Runs the command in <paramref name="args"/> (`run` when they start with a flag) and returns its exit code.</summary>
    public int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    public Task<int> RunAsync(string[] args)
    {
        var stages = RunStages.Local with { Scenarios = new CodeScenarioFactory(_scenarios, CatalogScenarioFactory.Instance) };
        return CliApp.RunAsync(CommandLine(args), new StandardUserConsole(), stages);
    }

    internal string[] CommandLine(string[] args)
    {
        var line = new List<string>(args ?? []);
        if (line.Count == 0 || line[0].StartsWith('-')) line.Insert(0, "run");
        if (line[0] is not ("run" or "soak")) return [.. line];
        // Without a config the registered scenarios run alone, with their code settings (the bundled config's
        // scenarios would otherwise join them).
        if (!Has(line, "-c", "--config")) line.AddRange(["--config", ConfigPath ?? EmptyConfig.Value]);
        if (TargetCommand is not null && !Has(line, "--target-cmd", "--target-pid")) line.AddRange(["--target-cmd", TargetCommand]);
        if (TargetReadyUrl is not null && !Has(line, "--target-url")) line.AddRange(["--target-url", TargetReadyUrl]);
        return [.. line];
    }

    private static readonly Lazy<string> EmptyConfig = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"loadleak-code-scenarios-{Environment.ProcessId}.json");
        File.WriteAllText(path, "{}");
        return path;
    });

    private static bool Has(List<string> line, params string[] flags) =>
        line.Any(arg => flags.Any(f => arg == f || arg.StartsWith(f + "=", StringComparison.Ordinal)));
}
