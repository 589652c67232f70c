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
    /// <summary>
    /// The run's one thread series for readers of older run.json files: thread-pool threads when the target
    /// reports them at all, else OS threads; it never switches source within a run (a gap stays a gap).
    /// </summary>
    public double? Threads { get; init; }
    /// <summary>OS threads of the process (/proc); the pool's threads are among them.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? OsThreads { get; init; }
    /// <summary>Thread-pool threads (.NET runtime counter); they retire after the pool's idle timeout.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ThreadPoolThreads { get; init; }
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
