using LoadLeak.Correlator.Sampling.Go;

namespace LoadLeak.Correlator.Forensics.Go;

/// <summary>
/// A Go service at one moment: its goroutines grouped by stack and its heap after a forced GC (in-use bytes by
/// allocating function). <see cref="RetainedBytes"/> is the live heap right after that GC.
/// </summary>
internal sealed record GoSnapshot(string Label, double T, GoroutineDump Goroutines, HeapProfileSummary Heap)
{
    public double RetainedBytes { get; init; }

    /// <summary>How long taking both profiles took, forced GC included.</summary>
    public double CaptureMs { get; init; }

    public GoSnapshotInfo ToInfo() => new(Label, T, Goroutines.Total, RetainedBytes, Heap.InuseBytes, CaptureMs);
}
