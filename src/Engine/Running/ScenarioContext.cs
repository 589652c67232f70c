using LoadLeak.Engine.Api;
using LoadLeak.Engine.Stats;

namespace LoadLeak.Engine.Running;

/// <summary>
/// What one iteration sees. Also carries what <see cref="Step.Run"/> needs, so a step costs no lookup beyond its name.
/// </summary>
internal sealed class ScenarioContext(
    long invocationNumber, ScenarioInfo info, IEngineLog logger, CancellationToken token, StepTable steps, bool measured) : IScenarioContext
{
    public long InvocationNumber { get; } = invocationNumber;
    public ScenarioInfo ScenarioInfo { get; } = info;
    public IEngineLog Logger { get; } = logger;
    public CancellationToken CancellationToken { get; } = token;
    public StepTable Steps { get; } = steps;

    /// <summary>The steps to record into; null in the warm-up, whose steps run unrecorded as the scenario's totals exclude it.</summary>
    public StepTable? Recording { get; } = measured ? steps : null;
}
