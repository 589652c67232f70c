using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>
/// Writes a figure with at most 3 decimals (times in seconds, rates, latencies in ms): run.json stays readable
/// and diffable, and a millisecond is finer than anything LoadLeak measures. Reads the value as written.
/// Non-finite values follow the options' number handling, as the built-in converter does.
/// </summary>
internal sealed class Round3Converter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) return reader.GetDouble();
        var text = reader.GetString();
        if (options.NumberHandling.HasFlag(JsonNumberHandling.AllowNamedFloatingPointLiterals))
        {
            switch (text)
            {
                case "NaN": return double.NaN;
                case "Infinity": return double.PositiveInfinity;
                case "-Infinity": return double.NegativeInfinity;
            }
        }
        if (options.NumberHandling.HasFlag(JsonNumberHandling.AllowReadingFromString)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return number;
        throw new JsonException($"expected a number, got \"{text}\"");
    }

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value))
            writer.WriteNumberValue(Math.Round(value, 3));
        else if (options.NumberHandling.HasFlag(JsonNumberHandling.AllowNamedFloatingPointLiterals))
            writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        else
            throw new ArgumentException($"{value} cannot be written as JSON: the options do not allow named floating-point literals");
    }
}
