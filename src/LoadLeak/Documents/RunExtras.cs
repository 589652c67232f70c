using LoadLeak.Results;
using LoadLeak.Scenarios.Settings;

namespace LoadLeak.Documents;

/// <summary>What the pipeline learned besides samples and load rows, to go into run.json.</summary>
internal sealed record RunExtras
{
    public (double Bytes, string Source)? MemoryLimit { get; init; }
    public HeapForensicsResult? Heap { get; init; }
    public IReadOnlyList<RunnerMemoryPoint> RunnerMemory { get; init; } = [];
    /// <summary>Each scenario's client by scenario name, as the run printed it when it started.</summary>
    public IReadOnlyList<KeyValuePair<string, ClientChoice>> Clients { get; init; } = [];
    /// <summary>Each built scenario's protocol by name (the catalog's, or what code declared: "custom" by default).</summary>
    public IReadOnlyDictionary<string, string> Protocols { get; init; } = new Dictionary<string, string>();
}
