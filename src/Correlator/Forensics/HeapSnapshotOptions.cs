namespace LoadLeak.Correlator.Forensics;

public sealed record HeapSnapshotOptions
{
    /// <summary>Keep dump files after analysis (they hold the target's memory, secrets included).</summary>
    public bool KeepDumps { get; init; }

    /// <summary>Parent of the private dump folder; the system temp folder when null.</summary>
    public string? DumpRoot { get; init; }

    /// <summary>Types to find retention paths for, in addition to the growers since the first snapshot.</summary>
    public IReadOnlyCollection<string> PathTypes { get; init; } = [];

    /// <summary>How many growers since the first snapshot get retention paths.</summary>
    public int PathCandidates { get; init; } = 15;

    /// <summary>Instances sampled per type for retention paths.</summary>
    public int PathSamplesPerType { get; init; } = 20;

    /// <summary>Bounds the reachability walk; past it counts include garbage and paths may be missing.</summary>
    public long MaxWalkedObjects { get; init; } = 50_000_000;

    public TimeSpan MaxWalkTime { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan DumpTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
