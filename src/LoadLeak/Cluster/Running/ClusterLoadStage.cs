using LoadLeak.Engine.Running;
using LoadLeak.Engine.Schedules;
using LoadLeak.Results;
using LoadLeak.Sessions;

namespace LoadLeak.Cluster.Running;

/// <summary>
/// The cluster's load stage: starts every agent on one clock, relays the merged rows to the session's observers
/// while they arrive, waits for the agents' totals (or stops them on an interrupt or the target's death), and
/// returns the merged result as the local engine would have. Without a probe the members are released here;
/// with one, after the final retained-heap reading (<see cref="ClusterSampler.StopAsync"/>).
/// </summary>
internal sealed class ClusterLoadStage(ClusterRunState state) : ILoadStage
{
    private static readonly TimeSpan GapWait = TimeSpan.FromSeconds(5);

    public async Task<EngineResult> RunAsync(EngineSettings settings, RunClock clock, IEngineObserver observer, CancellationToken ct)
    {
        var coordinator = state.Coordinator;
        var clusterClock = await coordinator.StartAsync(ct).ConfigureAwait(false);
        state.Shift = clock.Seconds - clusterClock.Seconds;
        var relay = new ClusterLiveRelay(coordinator.Stats, observer, settings, state.Shift);
        var cancelled = false;
        using (var relaying = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var relayed = relay.RunAsync(clusterClock, relaying.Token);
            try
            {
                if (!await coordinator.WaitForAgentsAsync(Limit(settings), ct).ConfigureAwait(false))
                    coordinator.AddEvent(EventKind.EngineFailed, "the agents did not finish within the planned duration; they were stopped");
                await WaitForGapsAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                cancelled = true;
            }
            await relaying.CancelAsync().ConfigureAwait(false);
            await relayed.ConfigureAwait(false);
        }
        // Stopped by the memory guard (the probe's target cannot die here): as in a local run, the final retained-heap
        // reading is still taken, so the probe samples on until the sampler stops.
        if (cancelled && state.HasProbe && !state.Interrupt.IsCancellationRequested)
            await coordinator.StopAgentsAsync("the load was stopped early").ConfigureAwait(false);
        else if (cancelled || !state.HasProbe)
            await state.FinishAsync(cancelled ? "the run was stopped early" : "the load ended").ConfigureAwait(false);
        relay.Flush();
        return ClusterEngineResult.Build(coordinator, settings, state.Shift, cancelled);
    }

    /// <summary>Streamed rows asked for again arrive a little after the totals; waits for them, bounded.</summary>
    private async Task WaitForGapsAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + GapWait;
        while (DateTime.UtcNow < deadline && state.Coordinator.AgentMembers
                   .Any(a => !a.Lost && a.Missing(Timing.MonotonicClock.NowNs, TimeSpan.Zero, 1).Count > 0))
            await Task.Delay(100, ct).ConfigureAwait(false);
    }

    /// <summary>The planned duration of the longest scenario (or all, sequential) with a margin; a day when a phase is iteration-bound.</summary>
    private static TimeSpan Limit(EngineSettings settings)
    {
        var phases = settings.Scenarios.Select(s => LoadPlan.Build(s, 0)).ToList();
        if (phases.Any(p => p.Any(phase => phase.Duration is null))) return TimeSpan.FromDays(1);
        var seconds = phases.Select(p => p.Sum(phase => phase.Duration!.Value.TotalSeconds)).DefaultIfEmpty(0).ToList();
        var planned = settings.Sequential ? seconds.Sum() : seconds.Max();
        return TimeSpan.FromSeconds(planned + Math.Max(60, planned / 2));
    }
}
