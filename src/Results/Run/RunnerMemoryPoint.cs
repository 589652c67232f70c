namespace LoadLeak.Results;

/// <summary>LoadLeak's own memory at <paramref name="T"/> run seconds.</summary>
/// <param name="GcHeapBytes">GC.GetTotalMemory(false): wherever the gen0 sawtooth happens to be.</param>
/// <param name="PostGcHeapBytes">The heap right after the runner's most recent GC: far steadier, the better reading of growth.</param>
public sealed record RunnerMemoryPoint([property: Round3] double T, double WorkingSetBytes, double GcHeapBytes, double? PostGcHeapBytes = null);
