using LoadLeak.Correlator;
using LoadLeak.Engine.Running;
using LoadLeak.Sessions;
using LoadLeak.Targets;

namespace LoadLeak.Cluster.Running;

/// <summary>
/// The cluster's sampling stage: the probe's samples when a probe runs the target, else this host's correlator as
/// in a local run; either way the coordinator's events (agent lost, NATS gaps) join the timeline.
/// </summary>
internal sealed class ClusterSamplingStage(ClusterRunState state) : ISamplingStage
{
    public async Task<ITargetSampler> StartAsync(ITarget target, RunPlan plan, RunClock clock, CancellationToken ct)
    {
        if (state.HasProbe) return new ClusterSampler(state, null);
        return new ClusterSampler(state, await LocalSamplingStage.Instance.StartAsync(target, plan, clock, ct).ConfigureAwait(false));
    }
}
