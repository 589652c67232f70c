namespace LoadLeak.Correlator.Sampling.Go;

/// <summary>Where a Go retained-heap figure came from.</summary>
public enum RetainedHeapSource
{
    /// <summary>expvar's HeapAlloc read right after <c>heap?gc=1</c>'s forced GC: exact live bytes (plus what was allocated since).</summary>
    MemStatsAfterGc,
    /// <summary>The in-use total of the <c>heap?gc=1</c> profile: the runtime's estimate from sampled allocations.</summary>
    HeapProfile,
}
