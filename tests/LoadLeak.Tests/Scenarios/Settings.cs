using System.Text.Json;
using LoadLeak.Scenarios.Settings;

namespace LoadLeak.Tests.Scenarios;

/// <summary>Builds CustomSettings and environments for the scenario tests.</summary>
internal static class Settings
{
    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static ScenarioEnvironment Env(string? kafka = null, params (string Name, string Value)[] placeholders) =>
        new(placeholders.ToDictionary(p => p.Name, p => p.Value), kafka);

    public static SettingsReader Reader(string json, ScenarioEnvironment? env = null, string scenario = "test") =>
        new(scenario, Json(json), env ?? Env());
}
