using System.Globalization;
using System.Text.Json;

namespace LoadLeak.Engine.Config;

/// <summary>
/// A JSON value together with its path in the config (e.g.
/// <c>GlobalSettings.ScenariosSettings[1].LoadSimulationsSettings[0]</c>) and the file it came from,
/// so that every error can say exactly where it is. Property names match case-insensitively.
/// </summary>
internal readonly record struct ConfigNode(JsonElement Element, string Path, string Source)
{
    public ConfigException Error(string message) =>
        new(Path.Length == 0 ? $"{Source}: {message}" : $"{Source}: {Path}: {message}");

    public ConfigNode At(string name) => new(default, Path.Length == 0 ? name : $"{Path}.{name}", Source);

    public ConfigNode At(int index) => new(default, $"{Path}[{index}]", Source);

    /// <summary>The property, or null when it is absent or JSON null.</summary>
    public ConfigNode? Optional(string name)
    {
        ExpectObject();
        foreach (var property in Element.EnumerateObject())
        {
            if (!string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) continue;
            if (property.Value.ValueKind == JsonValueKind.Null) return null;
            return At(name) with { Element = property.Value };
        }
        return null;
    }

    public IReadOnlyList<ConfigNode> Items()
    {
        if (Element.ValueKind != JsonValueKind.Array) throw Error($"expected an array, got {Describe(Element)}");
        var path = this;
        return Element.EnumerateArray().Select((item, i) => path.At(i) with { Element = item }).ToList();
    }

    public IReadOnlyList<(string Name, ConfigNode Node)> Properties()
    {
        ExpectObject();
        var path = this;
        return Element.EnumerateObject().Select(p => (p.Name, path.At(p.Name) with { Element = p.Value })).ToList();
    }

    public void ExpectObject()
    {
        if (Element.ValueKind != JsonValueKind.Object) throw Error($"expected an object, got {Describe(Element)}");
    }

    public string String()
    {
        if (Element.ValueKind != JsonValueKind.String) throw Error($"expected a string, got {Describe(Element)}");
        return Element.GetString()!;
    }

    public int Int()
    {
        if (Element.ValueKind != JsonValueKind.Number || !Element.TryGetInt32(out var value))
            throw Error($"expected a whole number, got {Describe(Element)}");
        return value;
    }

    public double Number()
    {
        if (Element.ValueKind != JsonValueKind.Number || !Element.TryGetDouble(out var value) || !double.IsFinite(value))
            throw Error($"expected a number, got {Describe(Element)}");
        return value;
    }

    /// <summary>A TimeSpan in invariant "hh:mm:ss" form, fractions allowed ("00:00:00.5"), also "d.hh:mm:ss".</summary>
    public TimeSpan Duration()
    {
        var text = Element.ValueKind == JsonValueKind.String ? Element.GetString()! : null;
        // A bare "30" would parse as 30 days; NBomber durations always carry a colon.
        if (text is null || !text.Contains(':') || !TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value))
            throw Error($"expected a duration like \"00:00:30\" (hh:mm:ss), got {Describe(Element)}");
        if (value < TimeSpan.Zero) throw Error($"duration must not be negative, got \"{text}\"");
        return value;
    }

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"\"{element.GetString()}\"",
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
