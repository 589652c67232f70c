namespace LoadLeak.Correlator.Sampling.Go;

/// <summary>
/// What a Go heap profile says is in use (as of its last GC; with <c>?gc=1</c> that GC ran just before),
/// by allocating function and by full stack, largest first. Figures are the runtime's estimates scaled
/// up from its sampled allocations (one sample per 512 KB allocated by default).
/// </summary>
public sealed record HeapProfileSummary(
    long InuseBytes,
    long InuseObjects,
    IReadOnlyList<HeapSite> Sites,
    IReadOnlyList<HeapStack> Stacks)
{
    /// <summary>Bytes allocated since the program started (running total), when the profile has alloc_space.</summary>
    public long? AllocBytes { get; init; }
}
