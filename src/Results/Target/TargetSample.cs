using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>
/// The target's state in one second of the run (T = run seconds at the end of the second).
/// Absent values are null, never 0: a missing counter is not a zero counter.
/// </summary>
public sealed record TargetSample
{
    [Round3]
    public double T { get; init; }
    public double? GcHeapBytes { get; init; }
    public double? PostGcHeapBytes { get; init; }
    public double? WorkingSetBytes { get; init; }
    public double? RssBytes { get; init; }
    /// <summary>Thread-pool threads from the runtime, else OS threads from /proc.</summary>
    public double? Threads { get; init; }
    /// <summary>OS threads from /proc; not in run.json yet.</summary>
    [JsonIgnore]
    public double? OsThreads { get; init; }
    public double? Timers { get; init; }
    public double? Fds { get; init; }
    /// <summary>CPU seconds used during this second (1.0 = one core busy).</summary>
    public double? Cpu { get; init; }
    public double? AllocRateBytesPerSec { get; init; }
    public double? GcPauseMs { get; init; }
    public double? GcCount { get; init; }
    public double? Exceptions { get; init; }
    public double? LockContentions { get; init; }
    /// <summary>Goroutines that exist (Go: pprof or go_goroutines).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Goroutines { get; init; }
    /// <summary>Go HeapInuse: bytes in in-use heap spans.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? GoHeapInuseBytes { get; init; }
    /// <summary>Go StackInuse: bytes in goroutine stack spans.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? GoStackInuseBytes { get; init; }
    /// <summary>Threads as the runtime counts them (Go: go_threads; JVM: live threads), apart from /proc's OS threads.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? RuntimeThreads { get; init; }
    /// <summary>The user's gauges (--target-metric NAME), by exposed name.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, double>? Metrics { get; init; }
}
