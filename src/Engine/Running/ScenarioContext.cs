using LoadLeak.Engine.Scenarios;
using LoadLeak.Engine.Stats;

namespace LoadLeak.Engine.Running;

/// <summary>
/// What one iteration sees. Also carries what <see cref="Step.Run"/> needs (the scenario's steps and
/// whether this iteration is measured), so a step costs no lookup beyond its name.
/// </summary>
internal sealed class ScenarioContext(
    long invocationNumber, ScenarioInfo info, IEngineLog logger, CancellationToken token, StepTable steps, bool measured) : IScenarioContext
{
    public long InvocationNumber { get; } = invocationNumber;
    public ScenarioInfo ScenarioInfo { get; } = info;
    public IEngineLog Logger { get; } = logger;
    public CancellationToken CancellationToken { get; } = token;
    public StepTable Steps { get; } = steps;

    /// <summary>False in the warm-up: steps then run without being recorded, as the scenario's totals exclude it.</summary>
    public bool Measured { get; } = measured;
}
