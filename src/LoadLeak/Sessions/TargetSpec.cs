namespace LoadLeak.Sessions;

/// <summary>How the target is obtained: launched from a command template, attached to by pid, or remote.</summary>
internal abstract record TargetSpec
{
    public sealed record Launch(string CommandTemplate, bool Bundled) : TargetSpec;
    public sealed record Attach(int Pid) : TargetSpec;
    /// <summary>Not a process here: sampled only through --target-pprof / --target-metrics.</summary>
    public sealed record Remote(string Description) : TargetSpec;
}
