using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>What a metric's difference means for the candidate, judged by the test in <see cref="MetricComparison.Test"/>.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<ComparisonOutcome>))]
public enum ComparisonOutcome
{
    Better,
    Worse,
    WithinNoise,
    /// <summary>Fewer than two runs on a side: no spread to test against.</summary>
    UnknownNoise,
    [JsonStringEnumMemberName("n/a")]
    NotApplicable,
}
