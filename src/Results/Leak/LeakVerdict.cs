using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>The run's answer to "does the target leak?".</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<LeakVerdict>))]
public enum LeakVerdict
{
    Leak,
    NoLeak,
    Inconclusive,
}
