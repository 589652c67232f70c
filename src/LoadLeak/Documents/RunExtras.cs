using LoadLeak.Reporting.Model;

namespace LoadLeak.Documents;

/// <summary>What the pipeline learned besides samples and load rows, to go into run.json.</summary>
public sealed record RunExtras
{
    public (double Bytes, string Source)? MemoryLimit { get; init; }
    public HeapDto? Heap { get; init; }
    public IReadOnlyList<RunnerMemoryDto> RunnerMemory { get; init; } = [];
}
