using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>Which direction of a compared metric is better.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<Better>))]
public enum Better
{
    Higher,
    Lower,
}
