using LoadLeak.Correlator;
using LoadLeak.Engine.Running;
using LoadLeak.Targets;

namespace LoadLeak.Sessions;

/// <summary>
/// The target sampled from this process: EventPipe counters when it is .NET, /proc when it runs here, Go pprof and
/// Prometheus URLs when given.
/// </summary>
internal sealed class LocalSamplingStage : ISamplingStage
{
    public static readonly LocalSamplingStage Instance = new();

    public async Task<ITargetSampler> StartAsync(ITarget target, RunPlan plan, RunClock clock, CancellationToken ct)
    {
        var options = new CorrelatorOptions
        {
            UseEventPipe = plan.UseEventPipe,
            Pprof = plan.Endpoints.Pprof is { } pprof ? new Uri(pprof) : null,
            PprofDetected = plan.Endpoints.PprofDetected,
            Metrics = plan.Endpoints.Metrics is { } metrics ? new Uri(metrics) : null,
            CustomMetrics = plan.Endpoints.CustomMetrics,
        };
        return target is RemoteTarget
            ? await TargetCorrelator.StartRemoteAsync(clock, options, ct)
            : await TargetCorrelator.StartAsync(target.Pid, clock, options, ct);
    }
}
