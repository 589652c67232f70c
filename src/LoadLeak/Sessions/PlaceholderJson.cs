using System.Text.Json;
using System.Text.Json.Nodes;

namespace LoadLeak.Sessions;

/// <summary>Fills {name} placeholders in every string of a JSON value; braces that name no placeholder stay as written.</summary>
internal static class PlaceholderJson
{
    public static JsonElement Fill(JsonElement value, IReadOnlyDictionary<string, string> placeholders)
    {
        if (value.ValueKind == JsonValueKind.Undefined || placeholders.Count == 0) return value;
        var node = JsonNode.Parse(value.GetRawText());
        var filled = Fill(node, placeholders);
        return JsonSerializer.SerializeToElement(filled);
    }

    private static JsonNode? Fill(JsonNode? node, IReadOnlyDictionary<string, string> placeholders)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList()) obj[key] = Fill(child?.DeepClone(), placeholders);
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) array[i] = Fill(array[i]?.DeepClone(), placeholders);
                return array;
            case JsonValue text when text.GetValueKind() == JsonValueKind.String:
                var s = text.GetValue<string>();
                foreach (var (name, replacement) in placeholders) s = s.Replace("{" + name + "}", replacement, StringComparison.Ordinal);
                return JsonValue.Create(s);
            default:
                return node;
        }
    }
}
