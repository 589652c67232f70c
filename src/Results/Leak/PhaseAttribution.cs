namespace LoadLeak.Results;

/// <summary>What the target did during one phase of one scenario: its requests and how each resource changed.</summary>
public sealed record PhaseAttribution
{
    public required string Phase { get; init; }
    public required string Scenario { get; init; }
    [Round3]
    public double Start { get; init; }
    [Round3]
    public double End { get; init; }
    public long Requests { get; init; }
    public double? HeapDeltaBytes { get; init; }
    public double? RetainedDeltaBytes { get; init; }

    /// <summary>Missing when the forced-GC reading at one of the phase's boundaries is missing: <see cref="RetainedDeltaBytes"/> is
    /// then null, never computed from a reading that still held garbage. Null otherwise (omitted).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public RetainedReading? RetainedReading { get; init; }

    public double? RssDeltaBytes { get; init; }
    /// <summary>OS threads at the end minus at the start.</summary>
    public double? ThreadsDelta { get; init; }
    public double? TimersDelta { get; init; }
    public double? FdsDelta { get; init; }
    public double? AllocRateBytesPerSec { get; init; }
    public double? GcPauseShare { get; init; }
    /// <summary>Goroutines at the end minus at the start (Go targets only).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? GoroutinesDelta { get; init; }
    /// <summary>.NET thread-pool threads at the end minus at the start.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? ThreadPoolThreadsDelta { get; init; }
}
