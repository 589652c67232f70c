using System.Text.Json;
using LoadLeak.Engine;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Planning;

/// <summary>A JSON value with its path in the config, so every cluster-settings error names where it is.</summary>
internal readonly record struct JsonPath(JsonElement Element, string Path, string Source)
{
    public ConfigException Error(string message) => new($"{Source}: {Path}: {message}");

    /// <summary>The property (names match case-insensitively, as NBomber's do), or null when absent or JSON null.</summary>
    public JsonPath? Optional(string name)
    {
        if (Element.ValueKind != JsonValueKind.Object) throw Error($"expected an object, got {Element.ValueKind.ToString().ToLowerInvariant()}");
        foreach (var property in Element.EnumerateObject())
        {
            if (!string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) continue;
            if (property.Value.ValueKind == JsonValueKind.Null) return null;
            return new JsonPath(property.Value, Path.Length == 0 ? name : $"{Path}.{name}", Source);
        }
        return null;
    }

    public string String() =>
        Element.ValueKind == JsonValueKind.String ? Element.GetString()! : throw Error($"expected a string, got {Describe()}");

    public int Int() =>
        Element.ValueKind == JsonValueKind.Number && Element.TryGetInt32(out var value)
            ? value
            : throw Error($"expected a whole number, got {Describe()}");

    public IReadOnlyList<JsonPath> Items()
    {
        if (Element.ValueKind != JsonValueKind.Array) throw Error($"expected an array, got {Describe()}");
        var self = this;
        return Element.EnumerateArray().Select((item, i) => new JsonPath(item, $"{self.Path}[{i}]", self.Source)).ToList();
    }

    public IReadOnlyList<string> Strings() => Items().Select(item => item.String()).ToList();

    private string Describe() => Element.ValueKind switch
    {
        JsonValueKind.String => $"\"{Element.GetString()}\"",
        JsonValueKind.Number => Element.GetRawText(),
        _ => Element.ValueKind.ToString().ToLowerInvariant(),
    };
}
