namespace LoadLeak.Correlator.Retained;

/// <summary>
/// The heap right after a full blocking GC the correlator induced (the bytes that survived it), the GC's number, how long
/// it took from the request, when the heap stats arrived (a Stopwatch timestamp, for the run
/// clock), and which attempt matched it (2 when the first session saw no induced GC).
/// </summary>
internal sealed record InducedGc(double HeapBytes, TimeSpan Latency, long GcNumber, long Timestamp)
{
    public int Attempt { get; init; } = 1;

    /// <summary>The generations' sizes after the GC, free space included.</summary>
    public double HeapSizeBytes { get; init; }

    /// <summary>How long the request waited for a heap dump of the same target to finish first.</summary>
    public TimeSpan WaitedForDump { get; init; }

    /// <summary>Its events arrived only as the session stopped after the timeout: matched, but late.</summary>
    public bool ArrivedAfterTimeout { get; init; }
}
