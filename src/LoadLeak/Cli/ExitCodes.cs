namespace LoadLeak.Cli;

/// <summary>The process exit codes; CI gates read them.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>A threshold or the leak verdict failed.</summary>
    public const int ChecksFailed = 1;
    /// <summary>Usage or configuration error.</summary>
    public const int UsageError = 2;
    /// <summary>The target or another part of the infrastructure failed.</summary>
    public const int InfrastructureError = 3;
    /// <summary>Interrupted by Ctrl-C or SIGTERM (128 + SIGINT).</summary>
    public const int Interrupted = 130;
}
