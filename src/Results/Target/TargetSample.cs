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
}
