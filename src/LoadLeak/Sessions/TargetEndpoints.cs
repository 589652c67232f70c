namespace LoadLeak.Sessions;

/// <summary>
/// The target's diagnostics URLs beyond EventPipe and /proc: a Go pprof base (<c>--target-pprof</c>), a Prometheus
/// text endpoint (<c>--target-metrics</c>) and the extra gauges to test (<c>--target-metric</c>). Templates
/// ({port} unfilled) in the plan; filled, probed URLs once the target is ready.
/// </summary>
internal sealed record TargetEndpoints
{
    public static readonly TargetEndpoints None = new();

    public string? Pprof { get; init; }
    public string? Metrics { get; init; }
    public IReadOnlyList<string> CustomMetrics { get; init; } = [];
    /// <summary>The pprof base was found on a launched target's {port}, not given by a flag.</summary>
    public bool PprofDetected { get; init; }

    public bool Any => Pprof is not null || Metrics is not null;
}
