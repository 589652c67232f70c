using System.Text.Json;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Simulations;

namespace LoadLeak.Engine.Config;

/// <summary>
/// One entry of NBomber's <c>GlobalSettings.ScenariosSettings</c>. Null means "not in the config":
/// the scenario keeps what its code set. <see cref="JsonPath"/> says where the entry is, for errors.
/// </summary>
public sealed record ScenarioConfig(
    string ScenarioName,
    TimeSpan? WarmUpDuration,
    IReadOnlyList<LoadSimulation>? LoadSimulations,
    JsonElement CustomSettings,
    int? MaxFailCount,
    IReadOnlyList<Threshold>? Thresholds)
{
    public string JsonPath { get; init; } = "";

    /// <summary>Whether the config had a CustomSettings object (an absent one does not replace the code's).</summary>
    public bool HasCustomSettings { get; init; }
}
