namespace LoadLeak.Correlator.Retained;

/// <summary>
/// The heap right after a full blocking GC the correlator induced, how long that took from the
/// request, and when the heap stats arrived (a Stopwatch timestamp, for the run clock).
/// </summary>
public sealed record InducedGc(double HeapBytes, TimeSpan Latency, long GcNumber, long Timestamp);
