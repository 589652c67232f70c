using System.Globalization;
using System.Text.Json;
using LoadLeak.Commands;
using LoadLeak.Engine;

namespace LoadLeak.Guard;

/// <summary>
/// The memory guard's settings, from the config's "LoadLeak.Guard" section:
/// { "MaxTargetMemory": "300MB" | "80%", "ForecastMargin": "5m", "Enabled": true }.
/// </summary>
internal sealed record GuardOptions
{
    public static readonly GuardOptions Default = new();

    public bool Enabled { get; init; } = true;
    /// <summary>An absolute ceiling for the target's RSS; null means <see cref="LimitFraction"/> of its memory limit.</summary>
    public long? MaxTargetBytes { get; init; }
    public double LimitFraction { get; init; } = 0.8;
    /// <summary>The forecast stops the load when memory would run out before the planned end plus this.</summary>
    public TimeSpan ForecastMargin { get; init; } = TimeSpan.FromMinutes(5);

    public static GuardOptions From(JsonElement section, string path)
    {
        if (section.ValueKind != JsonValueKind.Object)
            throw new ConfigException($"{path}: expected an object such as {{ \"MaxTargetMemory\": \"2GB\" }}, got {section.GetRawText()}");
        var options = Default;
        if (section.TryGetProperty("Enabled", out var enabled))
        {
            if (enabled.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                throw new ConfigException($"{path}.Enabled: expected true or false, got {enabled.GetRawText()}");
            options = options with { Enabled = enabled.GetBoolean() };
        }
        if (section.TryGetProperty("MaxTargetMemory", out var max)) options = WithMax(options, max, $"{path}.MaxTargetMemory");
        if (section.TryGetProperty("ForecastMargin", out var margin))
        {
            if (margin.ValueKind != JsonValueKind.String || !DurationParser.TryParse(margin.GetString(), out var duration))
                throw new ConfigException($"{path}.ForecastMargin: expected a duration such as \"5m\" or \"90s\", got {margin.GetRawText()}");
            options = options with { ForecastMargin = duration };
        }
        return options;
    }

    private static GuardOptions WithMax(GuardOptions options, JsonElement max, string path)
    {
        var text = max.ValueKind == JsonValueKind.String ? max.GetString()!.Trim() : null;
        if (text is not null && text.EndsWith('%')
            && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent is > 0 and <= 100)
            return options with { LimitFraction = percent / 100, MaxTargetBytes = null };
        if (text is not null && ByteSize.TryParse(text, out var bytes) && bytes >= 1024 * 1024)
            return options with { MaxTargetBytes = bytes };
        throw new ConfigException(
            $"{path}: expected a size of at least 1MB such as \"300MB\" or \"2GB\", or a share of the limit such as \"80%\", got {max.GetRawText()}");
    }
}
