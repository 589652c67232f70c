namespace LoadLeak.Sessions;

/// <summary>How the target is obtained: launched from a command template, or attached to by pid.</summary>
internal abstract record TargetSpec
{
    public sealed record Launch(string CommandTemplate, bool Bundled) : TargetSpec;
    public sealed record Attach(int Pid) : TargetSpec;
}
