using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>Whether a candidate's difference to the baseline exceeds run-to-run noise.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<ComparisonVerdict>))]
public enum ComparisonVerdict
{
    Significant,
    WithinNoise,
    UnknownNoise,
    [JsonStringEnumMemberName("n/a")]
    NotApplicable,
}
