using System.Text.Json;
using System.Text.Json.Nodes;

namespace LoadLeak.IntegrationTests.Scenarios;

/// <summary>CustomSettings for a test that runs once per client: the JSON with <c>Client</c> / <c>Producer</c> set.</summary>
internal static class ClientSettings
{
    /// <summary><paramref name="json"/> with <paramref name="key"/> set to <paramref name="client"/>; null leaves it out.</summary>
    public static JsonElement Json(string json, string key, string? client)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        if (client is not null) node[key] = client;
        return JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();
    }
}
