using LoadLeak.Correlator;
using LoadLeak.Engine.Running;
using LoadLeak.Targets;

namespace LoadLeak.Sessions;

/// <summary>The target sampled from this process: EventPipe counters when it is .NET, /proc always.</summary>
internal sealed class LocalSamplingStage : ISamplingStage
{
    public static readonly LocalSamplingStage Instance = new();

    public async Task<ITargetSampler> StartAsync(ITarget target, RunPlan plan, RunClock clock, CancellationToken ct) =>
        await TargetCorrelator.StartAsync(target.Pid, clock, new CorrelatorOptions { UseEventPipe = plan.UseEventPipe }, ct);
}
