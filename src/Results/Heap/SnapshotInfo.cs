using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>One heap snapshot and its cost. <paramref name="PauseMs"/> is how long the target was stopped:
/// measured from its threads' states when <see cref="PauseMeasured"/>, else the WriteDump call duration.</summary>
public sealed record SnapshotInfo(
    string Label,
    [property: Round3] double T,
    double HeapBytes,
    long Objects,
    [property: Round3] double PauseMs,
    [property: Round3] double AnalysisMs)
{
    public bool PauseMeasured { get; init; }

    /// <summary>Duration of the WriteDump call (the pause plus IPC and createdump's start-up); null when unknown and in older files.</summary>
    [Round3]
    public double? WriteDumpMs { get; init; }

    /// <summary>The pause this snapshot was allowed for its heap size (HeapBudget); null when unknown and in older files.</summary>
    [Round3]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? PauseBudgetMs { get; init; }
}
