using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>How one type's instances grew; the deltas run from the baseline to the after-cool-down snapshot.</summary>
public sealed record TypeGrowth(string Type, long CountDelta, long BytesDelta, long CountAfterCoolDown, bool SurvivesCoolDown)
{
    /// <summary>Growth from the baseline to the peak snapshot (under load).</summary>
    [JsonIgnore]
    public long PeakBytesDelta { get; init; }

    [JsonIgnore]
    public long PeakCountDelta { get; init; }

    /// <summary>Null for a .NET type; <see cref="GrowerKind.GoAllocSite"/> when <see cref="Type"/> is a Go allocating function.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GrowerKind? Kind { get; init; }

    /// <summary>File and line of a Go allocating function.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Location { get; init; }
}
