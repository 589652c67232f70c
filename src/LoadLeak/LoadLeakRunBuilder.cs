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

    /// <summary>
    /// The scenarios to run, by name: registered ones, or the config's. Used when the config has no TargetScenarios
    /// (the config wins, as in NBomber); null (the default) runs them all.
    /// </summary>
    public IReadOnlyList<string>? TargetScenarios { get; private init; }

    public LoadLeakRunBuilder LoadConfig(string path) => this with { ConfigPath = path };

    /// <summary>Runs only these scenarios (NBomber's WithTargetScenarios); an unknown name fails the run with exit code 2.</summary>
    public LoadLeakRunBuilder WithTargetScenarios(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names) ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(names));
        return this with { TargetScenarios = [.. names] };
    }

    public LoadLeakRunBuilder WithTarget(string command, string? readyUrl = null) =>
        this with { TargetCommand = command, TargetReadyUrl = readyUrl };

    /// <summary>Runs the command in <paramref name="args"/> (`run` when they start with a flag) and returns its exit code.</summary>
    public int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    public Task<int> RunAsync(string[] args) => RunAsync(args, new StandardUserConsole());

    internal Task<int> RunAsync(string[] args, IUserConsole console)
    {
        var scenarios = new CodeScenarioFactory(_scenarios, CatalogScenarioFactory.Instance, TargetScenarios);
        return CliApp.RunAsync(CommandLine(args), console, RunStages.Local with { Scenarios = scenarios });
    }

    internal string[] CommandLine(string[] args)
    {
        var line = new List<string>(args ?? []);
        if (line.Count == 0 || line[0].StartsWith('-')) line.Insert(0, "run");
        if (line[0] is not ("run" or "soak")) return [.. line];
        // Without a config the registered scenarios run alone, with their code settings (RunPlanFactory does not
        // look for one when code registered scenarios).
        if (ConfigPath is not null && !Has(line, "-c", "--config")) line.AddRange(["--config", ConfigPath]);
        if (TargetCommand is not null && !Has(line, "--target-cmd", "--target-pid")) line.AddRange(["--target-cmd", TargetCommand]);
        if (TargetReadyUrl is not null && !Has(line, "--target-url")) line.AddRange(["--target-url", TargetReadyUrl]);
        return [.. line];
    }

    private static bool Has(List<string> line, params string[] flags) =>
        line.Any(arg => flags.Any(f => arg == f || arg.StartsWith(f + "=", StringComparison.Ordinal)));
}
