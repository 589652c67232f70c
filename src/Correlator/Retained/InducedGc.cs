namespace LoadLeak.Correlator.Retained;

/// <summary>The heap right after a full blocking GC the correlator induced, and how long that took end to end.</summary>
public sealed record InducedGc(double HeapBytes, TimeSpan Latency, long GcNumber);
