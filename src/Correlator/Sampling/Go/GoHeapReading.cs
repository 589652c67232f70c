using System.Diagnostics;

namespace LoadLeak.Correlator.Sampling.Go;

/// <summary>
/// The Go counterpart of an induced full GC: the heap right after <c>heap?gc=1</c> made the runtime collect, when
/// on the run clock (<paramref name="T"/>), how long the request took, and the in-use profile that came with it.
/// </summary>
public sealed record GoHeapReading(
    double T,
    double RetainedBytes,
    RetainedHeapSource Source,
    HeapProfileSummary Profile,
    TimeSpan Latency)
{
    public static GoHeapReading From(double t, HeapProfileSummary profile, GoMemStats? after, long started) =>
        after?.HeapAlloc is { } live
            ? new(t, live, RetainedHeapSource.MemStatsAfterGc, profile, Stopwatch.GetElapsedTime(started))
            : new(t, profile.InuseBytes, RetainedHeapSource.HeapProfile, profile, Stopwatch.GetElapsedTime(started));
}
