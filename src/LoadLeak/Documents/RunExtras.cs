using LoadLeak.Results;

namespace LoadLeak.Documents;

/// <summary>What the pipeline learned besides samples and load rows, to go into run.json.</summary>
internal sealed record RunExtras
{
    public (double Bytes, string Source)? MemoryLimit { get; init; }
    public HeapForensicsResult? Heap { get; init; }
    public IReadOnlyList<RunnerMemoryPoint> RunnerMemory { get; init; } = [];
}
