using LoadLeak.Correlator;
using LoadLeak.Engine.Running;
using LoadLeak.Targets;

namespace LoadLeak.Sessions;

/// <summary>
/// The sampling stage: starts reading the target on the run clock. The local correlator today
/// (<see cref="LocalSamplingStage"/>); other target sources (Go pprof, Prometheus) and a remote probe implement the same.
/// </summary>
internal interface ISamplingStage
{
    Task<ITargetSampler> StartAsync(ITarget target, RunPlan plan, RunClock clock, CancellationToken ct);
}
