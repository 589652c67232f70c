using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>What a load phase does: warms up (not measured), loads, or pauses.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<PhaseKind>))]
public enum PhaseKind
{
    [JsonStringEnumMemberName("warmup")]
    WarmUp,
    Load,
    Pause,
}
