using LoadLeak.Cli;
using LoadLeak.Engine.Api;

namespace LoadLeak;

/// <summary>
/// The public entry point: the `loadleak` command line as one call, so the tool's executable (and a user's own
/// project) needs nothing else from this library.
/// </summary>
public static class LoadLeakRunner
{
    /// <summary>Parses <paramref name="args"/> as `loadleak` does, runs the command, and returns its exit code.</summary>
    public static Task<int> RunAsync(string[] args) => CliApp.RunAsync(args, new StandardUserConsole());

    /// <summary>
    /// Scenarios written in C#, run through the same pipeline as the config's (NBomber's
    /// <c>NBomberRunner.RegisterScenarios</c>): <c>RegisterScenarios(a, b).LoadConfig("config.json").Run(args)</c>.
    /// </summary>
    public static LoadLeakRunBuilder RegisterScenarios(params ScenarioProps[] scenarios) => new(scenarios);
}
