namespace LoadLeak.Engine.Api;

/// <summary>What scenario init and clean see.</summary>
public interface IScenarioInitContext
{
    ScenarioInfo ScenarioInfo { get; }
    /// <summary>The scenario's CustomSettings from the config (NBomber's CustomSettings), or an empty object.</summary>
    System.Text.Json.JsonElement CustomSettings { get; }
    IEngineLog Logger { get; }
    CancellationToken CancellationToken { get; }
}
