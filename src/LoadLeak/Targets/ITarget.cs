namespace LoadLeak.Targets;

/// <summary>The process under load: launched by LoadLeak or attached to.</summary>
internal interface ITarget : IAsyncDisposable
{
    int Pid { get; }
    string Description { get; }
    /// <summary>Seconds from process start (or attach) until the readiness check passed.</summary>
    double? StartupSeconds { get; }
    bool HasExited { get; }
    int? ExitCode { get; }
    /// <summary>Completes when the process exits (never, for a process we only observe and that keeps running).</summary>
    Task Exited { get; }
    /// <summary>Stops the target if LoadLeak launched it; does nothing for an attached process.</summary>
    Task StopAsync();
}
