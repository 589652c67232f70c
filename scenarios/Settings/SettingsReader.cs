using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LoadLeak.Engine;

namespace LoadLeak.Scenarios.Settings;

/// <summary>
/// Reads typed values out of a scenario's CustomSettings. Every error is a <see cref="ConfigException"/>
/// whose message names the path, e.g. <c>CustomSettings.Url of scenario 'http': …</c>.
/// String values get their <c>{placeholder}</c>s replaced from the environment.
/// </summary>
public sealed partial class SettingsReader
{
    private readonly JsonElement _settings;
    private readonly ScenarioEnvironment _env;

    public SettingsReader(string scenarioName, JsonElement settings, ScenarioEnvironment env)
    {
        ScenarioName = scenarioName;
        _env = env;
        _settings = settings.ValueKind switch
        {
            JsonValueKind.Object => settings,
            JsonValueKind.Undefined or JsonValueKind.Null => Engine.Api.ScenarioProps.EmptyObject,
            _ => throw new ConfigException($"CustomSettings of scenario '{scenarioName}': expected a JSON object, got {settings.ValueKind}"),
        };
    }

    public string ScenarioName { get; }

    /// <summary>A value the runner supplied, e.g. the run's <c>benchmarkId</c>; null when absent.</summary>
    public string? Placeholder(string name) => _env.Placeholders.TryGetValue(name, out var value) ? value : null;

    public ConfigException Error(string key, string problem) =>
        new($"CustomSettings.{key} of scenario '{ScenarioName}': {problem}");

    public string? OptionalString(string key)
    {
        if (!TryGet(key, out var value)) return null;
        if (value.ValueKind != JsonValueKind.String) throw Error(key, $"expected a string, got {value.ValueKind}");
        return Substitute(key, value.GetString()!);
    }

    public string String(string key, string defaultValue) => OptionalString(key) ?? Substitute(key, defaultValue);

    public int Int(string key, int defaultValue, int min, int max)
    {
        if (!TryGet(key, out var value)) return defaultValue;
        int number;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n)) number = n;
        else if (value.ValueKind == JsonValueKind.String
                 && int.TryParse(Substitute(key, value.GetString()!), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)) number = s;
        else throw Error(key, $"expected an integer, got {value.GetRawText()}");
        if (number < min || number > max) throw Error(key, $"{number} is out of range [{min}, {max}]");
        return number;
    }

    public string Choice(string key, string defaultValue, params string[] allowed)
    {
        var value = String(key, defaultValue);
        var match = allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
        return match ?? throw Error(key, $"'{value}' is not one of {string.Join(", ", allowed.Select(a => $"'{a}'"))}");
    }

    public IReadOnlyDictionary<string, string> StringMap(string key)
    {
        if (!TryGet(key, out var value)) return new Dictionary<string, string>();
        if (value.ValueKind != JsonValueKind.Object) throw Error(key, $"expected an object of name: value, got {value.ValueKind}");
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
                throw Error($"{key}.{property.Name}", $"expected a string, got {property.Value.ValueKind}");
            map[property.Name] = Substitute($"{key}.{property.Name}", property.Value.GetString()!);
        }
        return map;
    }

    /// <summary>A Body may be a string (sent as is) or any JSON value (sent as its JSON text).</summary>
    public string? OptionalBody(string key)
    {
        if (!TryGet(key, out var value)) return null;
        return value.ValueKind == JsonValueKind.String ? Substitute(key, value.GetString()!) : value.GetRawText();
    }

    public string Substitute(string key, string text) => PlaceholderPattern().Replace(text, match =>
    {
        var name = match.Groups[1].Value;
        return _env.Placeholders.TryGetValue(name, out var replacement)
            ? replacement
            : throw Error(key, $"unknown placeholder '{{{name}}}' in '{text}'; known: {KnownPlaceholders()}");
    });

    private string KnownPlaceholders() =>
        _env.Placeholders.Count == 0 ? "none" : string.Join(", ", _env.Placeholders.Keys.Order(StringComparer.Ordinal).Select(k => $"{{{k}}}"));

    private bool TryGet(string key, out JsonElement value)
    {
        foreach (var property in _settings.EnumerateObject())
        {
            if (!string.Equals(property.Name, key, StringComparison.OrdinalIgnoreCase)) continue;
            value = property.Value;
            return value.ValueKind != JsonValueKind.Null;
        }
        value = default;
        return false;
    }

    // Only identifier-like names, so JSON bodies such as {"op":"query"} are not mistaken for placeholders.
    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex PlaceholderPattern();
}
