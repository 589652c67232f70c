namespace LoadLeak.Targets;

/// <summary>
/// Makes a launched target die with LoadLeak, even when LoadLeak itself is killed with SIGKILL and gets no
/// chance to stop it: util-linux `setpriv --pdeathsig KILL` sets PR_SET_PDEATHSIG and then execs the
/// command (same pid). .NET cannot set it between fork and exec itself. Without setpriv the command runs as is.
/// </summary>
internal static class ParentDeathSignal
{
    private static readonly string? Setpriv = OperatingSystem.IsLinux() ? ExecutablePath.Find("setpriv") : null;

    public static bool Available => Setpriv is not null;

    public static IReadOnlyList<string> Wrap(IReadOnlyList<string> command) =>
        Setpriv is null ? command : [Setpriv, "--pdeathsig", "KILL", "--", .. command];
}
