namespace LoadLeak.Engine.Api;

/// <summary>What a scenario step sees on each invocation.</summary>
public interface IScenarioContext
{
    /// <summary>1-based count of invocations of this scenario so far, across all copies.</summary>
    long InvocationNumber { get; }
    ScenarioInfo ScenarioInfo { get; }
    IEngineLog Logger { get; }
    CancellationToken CancellationToken { get; }
}

/// <summary>What scenario init and clean see.</summary>
public interface IScenarioInitContext
{
    ScenarioInfo ScenarioInfo { get; }
    /// <summary>The scenario's CustomSettings from the config (NBomber's CustomSettings), or an empty object.</summary>
    System.Text.Json.JsonElement CustomSettings { get; }
    IEngineLog Logger { get; }
    CancellationToken CancellationToken { get; }
}

public sealed record ScenarioInfo(string ScenarioName, int InstanceNumber);

/// <summary>Minimal log sink so the engine does not pick a logging framework for its users.</summary>
public interface IEngineLog
{
    void Info(string message);
    void Warn(string message);
}

public sealed class NullEngineLog : IEngineLog
{
    public static readonly NullEngineLog Instance = new();
    public void Info(string message) { }
    public void Warn(string message) { }
}
