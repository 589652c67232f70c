using Microsoft.Diagnostics.NETCore.Client;

namespace LoadLeak.Correlator.Forensics;

public sealed record HeapSnapshotOptions
{
    /// <summary>Keep dump files after analysis (they hold the target's memory, secrets included).</summary>
    public bool KeepDumps { get; init; }

    /// <summary>Parent of the private dump folder. When null, a tmpfs folder (<see cref="MemoryDumpRoot"/>)
    /// is used if it has room for the dump, else the system temp folder.</summary>
    public string? DumpRoot { get; init; }

    /// <summary>A tmpfs mount to write dumps to (the target stays stopped while its dump is written,
    /// and tmpfs never waits for a disk); null to always write to <see cref="DumpRoot"/> or the temp folder.</summary>
    public string? MemoryDumpRoot { get; init; } = "/dev/shm";

    /// <summary>WithHeap: the smallest dump type that holds the GC heap ClrMD walks.</summary>
    public DumpType DumpType { get; init; } = DumpType.WithHeap;

    /// <summary>How often /proc is read to time the target's stop while a dump is written.</summary>
    public TimeSpan PauseSampleInterval { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Types to find retention paths for, in addition to the growers since the first snapshot.</summary>
    public IReadOnlyCollection<string> PathTypes { get; init; } = [];

    /// <summary>How many growers since the first snapshot get retention paths.</summary>
    public int PathCandidates { get; init; } = 15;

    /// <summary>Instances sampled per type for retention paths.</summary>
    public int PathSamplesPerType { get; init; } = 20;

    /// <summary>Bounds the reachability walk, and with it the analysis's memory (8 bytes per live object plus a
    /// bit per 8 bytes of heap: 40 M objects hold 320 MB); past it counts include garbage and paths may be missing.</summary>
    public long MaxWalkedObjects { get; init; } = 40_000_000;

    public TimeSpan MaxWalkTime { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan DumpTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Dumps to take before giving up when each one catches the target mid-GC (seen on a runner at 3,000 req/s).</summary>
    public int MidGcAttempts { get; init; } = 3;

    /// <summary>Wait before the next dump after a mid-GC one, times the attempt number.</summary>
    public TimeSpan MidGcRetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);
}
