namespace LoadLeak.Engine.Running;

/// <summary>A scenario's Init (or Clean) threw; the run did not start (or did not clean up). Names the scenario.</summary>
internal sealed class ScenarioInitException(string scenario, string stage, Exception inner)
    : Exception($"scenario '{scenario}' {stage} failed: {inner.Message}", inner)
{
    public string Scenario { get; } = scenario;
}
