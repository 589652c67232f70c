namespace LoadLeak.Correlator.Sampling.Go;

/// <summary>The runtime.MemStats fields LoadLeak samples; null where the source does not give them.</summary>
public sealed record GoMemStats
{
    /// <summary>Bytes of allocated heap objects, garbage not yet swept included.</summary>
    public double? HeapAlloc { get; init; }

    /// <summary>Bytes in in-use heap spans.</summary>
    public double? HeapInuse { get; init; }

    public double? StackInuse { get; init; }

    /// <summary>Bytes obtained from the OS.</summary>
    public double? Sys { get; init; }

    /// <summary>Completed GC cycles (running total).</summary>
    public double? NumGc { get; init; }

    /// <summary>Bytes allocated since start (running total).</summary>
    public double? TotalAlloc { get; init; }

    /// <summary>Nanoseconds paused in GC since start (running total); expvar only.</summary>
    public double? PauseTotalNs { get; init; }
}
