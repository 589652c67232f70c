namespace LoadLeak.Correlator.Forensics.Go;

/// <summary>When a goroutine stack's or an allocation site's growth counts as a leak candidate rather than noise.</summary>
internal sealed record GoDiffOptions
{
    /// <summary>Heap profiles sample one allocation per 512 KB by default: growth below this is within their noise.</summary>
    public long MinSurvivingBytes { get; init; } = 512 * 1024;

    /// <summary>Goroutines that a server starts and parks for a while (connections, timers) come and go by the handful.</summary>
    public long MinSurvivingGoroutines { get; init; } = 10;

    /// <summary>Share of the growth under load that must remain after the cool-down; less means it recovered.</summary>
    public double MinSurvivingShare { get; init; } = 0.5;
}
