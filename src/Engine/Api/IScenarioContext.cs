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
