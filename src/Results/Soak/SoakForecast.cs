namespace LoadLeak.Results;

/// <summary>Soak mode: the retained-memory trend and when, at that rate, memory runs out.</summary>
public sealed record SoakForecast
{
    public double DurationSeconds { get; init; }
    /// <summary>Theil-Sen slope of the retained (post-GC) heap, bytes per hour.</summary>
    public double? RetainedSlopeBytesPerHour { get; init; }
    /// <summary>Theil-Sen slope of RSS (or working set), bytes per hour.</summary>
    public double? RssSlopeBytesPerHour { get; init; }
    /// <summary>The memory the target may use: its cgroup limit, else the machine's memory.</summary>
    public double? MemoryLimitBytes { get; init; }
    public string? MemoryLimitSource { get; init; }
    /// <summary>Seconds from the end of the run until RSS reaches the limit at the measured slope; null when memory does not trend up.</summary>
    public double? ForecastSecondsToExhaustion { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];
}
