namespace LoadLeak.Correlator.Sampling;

/// <summary>
/// The target's state in one second of the run (T = run seconds at the end of the second).
/// Absent values are null, never 0: a missing counter is not a zero counter.
/// </summary>
public sealed record TargetSample
{
    public double T { get; init; }
    public double? GcHeapBytes { get; init; }
    public double? PostGcHeapBytes { get; init; }
    public double? WorkingSetBytes { get; init; }
    public double? RssBytes { get; init; }
    /// <summary>Thread-pool threads from the runtime, else OS threads from /proc.</summary>
    public double? Threads { get; init; }
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

/// <summary>Retained heap measured right after a full blocking GC induced in the target. A
/// <see cref="RetainedReading.Missing"/> mark (T = when it was asked for, HeapBytes NaN) says that
/// the reading at that point does not exist.</summary>
public sealed record RetainedMark(double T, string Phase, double HeapBytes, string Reason)
{
    public RetainedReading Reading { get; init; } = RetainedReading.Measured;

    /// <summary>When the reading was asked for (the phase boundary); T is when the GC's heap stats arrived,
    /// later when the request waited for a heap dump of the target. Null where not recorded.</summary>
    public double? RequestedT { get; init; }

    /// <summary>The number of the induced GC that was matched; null when missing.</summary>
    public long? GcNumber { get; init; }
}

/// <summary>Something the correlator noticed on the timeline (counter gap, session ended, target exited).</summary>
public sealed record CorrelatorEvent(double T, string Kind, string Message);
