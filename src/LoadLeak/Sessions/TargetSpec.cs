namespace LoadLeak.Sessions;

/// <summary>How the target is obtained: launched from a command template, attached to by pid, or remote.</summary>
internal abstract record TargetSpec
{
    /// <summary>Launched from the command; <paramref name="WorkingDirectory"/> is --target-cwd (null: the main file's folder).</summary>
    public sealed record Launch(string CommandTemplate, bool Bundled, string? WorkingDirectory = null) : TargetSpec;
    public sealed record Attach(int Pid) : TargetSpec;
    /// <summary>Not a process here: sampled only through --target-pprof / --target-metrics.</summary>
    public sealed record Remote(string Description) : TargetSpec;
}
