using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>
/// A state as run.json spells it: kebab-case (or the member's [JsonStringEnumMemberName]). An unknown
/// spelling fails with the accepted ones, so an old or hand-edited file gets a clear error, not a crash.
/// </summary>
internal sealed class KebabCaseEnumConverter<T> : JsonConverter<T>
    where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && JsonNames.TryParse<T>(reader.GetString()!, out var value)) return value;
        var got = reader.TokenType == JsonTokenType.String ? $"\"{reader.GetString()}\"" : reader.TokenType.ToString().ToLowerInvariant();
        throw new JsonException($"unknown {typeof(T).Name} {got}; expected one of: {string.Join(", ", JsonNames.All<T>())}");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToJsonName());
}
