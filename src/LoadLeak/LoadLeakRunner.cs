using LoadLeak.Cli;

namespace LoadLeak;

/// <summary>
/// The public entry point: the `loadleak` command line as one call, so the tool's executable (and a user's own
/// project) needs nothing else from this library.
/// </summary>
public static class LoadLeakRunner
{
    /// <summary>Parses <paramref name="args"/> as `loadleak` does, runs the command, and returns its exit code.</summary>
    public static Task<int> RunAsync(string[] args) => CliApp.RunAsync(args, new StandardUserConsole());
}
