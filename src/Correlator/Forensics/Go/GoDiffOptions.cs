namespace LoadLeak.Correlator.Forensics.Go;

/// <summary>When a goroutine stack's or an allocation site's growth counts as a leak candidate rather than noise.</summary>
internal sealed record GoDiffOptions
{
    /// <summary>Growth of an allocation site below this is too small to name.</summary>
    public long MinSurvivingBytes { get; init; } = 512 * 1024;

    /// <summary>
    /// Go's heap profile records one allocation per this many bytes allocated (runtime.MemProfileRate, 512 KB by default)
    /// and scales it up: a site's in-use bytes are a count of samples times a weight, with Poisson noise.
    /// </summary>
    public double ProfileRateBytes { get; init; } = 512 * 1024;

    /// <summary>A site's growth must exceed its sampling noise (standard deviations of the difference) to count.</summary>
    public double NoiseSigmas { get; init; } = 3;

    /// <summary>Goroutines that a server starts and parks for a while (connections, timers) come and go by the handful.</summary>
    public long MinSurvivingGoroutines { get; init; } = 10;

    /// <summary>Share of the growth under load that must remain after the cool-down; less means it recovered.</summary>
    public double MinSurvivingShare { get; init; } = 0.5;
}
