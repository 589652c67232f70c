using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>Retained heap measured right after a full blocking GC induced in the target: the bytes that survived it. A
/// <see cref="RetainedReading.Missing"/> mark (T = when it was asked for, HeapBytes NaN) says that the reading
/// at that point does not exist; such marks are kept apart from the measured ones.</summary>
public sealed record RetainedMark([property: Round3] double T, string Phase, double HeapBytes, string Reason)
{
    [JsonIgnore]
    public RetainedReading Reading { get; init; } = RetainedReading.Measured;

    /// <summary>When the reading was asked for (the phase boundary); T is when the GC's heap stats arrived,
    /// later when the request waited for a heap dump of the target. Null where not recorded.</summary>
    [JsonIgnore]
    public double? RequestedT { get; init; }

    /// <summary>The number of the induced GC that was matched; null when missing.</summary>
    [JsonIgnore]
    public long? GcNumber { get; init; }

    /// <summary>The .NET heap's size after the same GC, free space included: the value the runtime's post-GC heap counter
    /// repeats, by which the counter's lag is measured. HeapBytes leaves the free space out. Null where not read (Go).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? HeapSizeBytes { get; init; }
}
