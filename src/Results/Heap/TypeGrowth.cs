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
}
