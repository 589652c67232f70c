namespace LoadLeak.Correlator.Forensics;

/// <summary>When a type's growth counts as a leak candidate rather than noise. Survival is judged by
/// bytes: the count alone never makes or unmakes a candidate.</summary>
public sealed record HeapDiffOptions
{
    /// <summary>Growth from baseline to after-cool-down below this is noise (JIT, caches warming up).</summary>
    public long MinSurvivingBytes { get; init; } = 256 * 1024;

    /// <summary>Small objects leak by count before they add up in bytes (pending tasks, closures):
    /// this many more surviving instances also make a candidate, provided their bytes stayed as well.</summary>
    public long MinSurvivingCount { get; init; } = 1000;

    /// <summary>Share of the growth under load that must remain after the cool-down; less means it recovered.</summary>
    public double MinSurvivingShare { get; init; } = 0.5;
}
