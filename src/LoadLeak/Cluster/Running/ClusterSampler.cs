using LoadLeak.Cli;
using LoadLeak.Correlator;
using LoadLeak.Correlator.Sampling;
using LoadLeak.Results;
using LoadLeak.Sessions;

namespace LoadLeak.Cluster.Running;

/// <summary>
/// The target's samples of a cluster run on the session's clock: from the local correlator, or from what the
/// probe streamed (its induced GCs are asked for through the coordinator). The coordinator's own events are
/// added to the timeline as they happen. Stopping it stops the members when a probe is involved, so the probe's
/// final table arrives before its samples are read. With a probe, --snapshots are taken by the probe.
/// </summary>
internal sealed class ClusterSampler(ClusterRunState state, ITargetSampler? local) : ITargetSampler, ISnapshotSource
{
    public ISnapshotProbe? SnapshotProbe(IUserConsole console, CancellationToken load)
    {
        if (local is not null) return null;
        console.Info("--snapshots: heap dumps are taken and diffed by the probe on the target's host; only the analysis comes back");
        return new ClusterSnapshotProbe(state, load);
    }

    public bool IsDotNet => local?.IsDotNet ?? false;

    public TargetSample? Latest =>
        local is not null ? local.Latest : state.Coordinator.Probe.Latest is { } s ? s with { T = s.T + state.Shift } : null;

    public IReadOnlyList<TimelineEvent> EventsSoFar =>
        [.. local?.EventsSoFar ?? [], .. state.Coordinator.Events.Select(state.Shifted)];

    /// <summary>
    /// With a probe: its live RSS, on the session's clock, as it arrives (about once a second). Handed over off NATS's
    /// receiving thread, since a handler may cancel the load and the load's stop waits for the probe's next messages.
    /// </summary>
    public bool OnReading(Action<Measurement> onReading)
    {
        if (local is not null) return local.OnReading(onReading);
        state.Coordinator.Probe.LiveSampleArrived += sample =>
        {
            if (RssReading(sample, state.Shift) is { } reading) _ = Task.Run(() => onReading(reading));
        };
        return true;
    }

    /// <summary>A probe's sample as the RSS reading a local sampler would have taken; null when it has no RSS.</summary>
    public static Measurement? RssReading(TargetSample sample, double shift) =>
        sample.RssBytes is { } rss ? new Measurement(sample.T + shift, MetricNames.Rss, rss) : null;

    public async Task<RetainedMark?> MeasureRetainedAsync(string phase, string reason, CancellationToken ct)
    {
        if (local is not null) return await local.MeasureRetainedAsync(phase, reason, ct).ConfigureAwait(false);
        var mark = await state.Coordinator.ProbeGcAsync(phase, reason, ct).ConfigureAwait(false);
        return mark is null ? null : Shift(mark);
    }

    public async Task<CorrelatorResult> StopAsync()
    {
        CorrelatorResult result;
        if (local is not null)
        {
            result = await local.StopAsync().ConfigureAwait(false);
        }
        else
        {
            await state.FinishAsync("the load ended").ConfigureAwait(false);
            var probe = state.Coordinator.Probe.ToResult();
            result = probe with
            {
                Samples = probe.Samples.Select(s => s with { T = s.T + state.Shift }).ToList(),
                Retained = probe.Retained.Select(Shift).ToList(),
                Events = probe.Events.Select(state.Shifted).ToList(),
                MissedRetained = probe.MissedRetained.Select(Shift).ToList(),
            };
        }
        return result with { Events = [.. result.Events, .. state.Coordinator.Events.Select(state.Shifted)], Notes = [.. result.Notes, .. Notes()] };
    }

    private RetainedMark Shift(RetainedMark mark) => mark with { T = mark.T + state.Shift, RequestedT = mark.RequestedT + state.Shift };

    private IEnumerable<string> Notes()
    {
        var coordinator = state.Coordinator;
        if (coordinator.Gate.Dropped > 0)
            yield return $"cluster: {coordinator.Gate.Dropped} malformed or foreign NATS messages were counted and ignored";
        if (coordinator.ResendsAsked > 0)
            yield return $"cluster: {coordinator.ResendsAsked} streamed messages went missing on the way and were asked for again";
        if (coordinator.Stats.ApproximateRows > 0)
            yield return $"cluster: {coordinator.Stats.ApproximateRows} interval rows arrived without latency histograms: their merged " +
                         "percentiles are approximations (p99 = the highest agent's, p50 = request-weighted mean), not exact";
        if (coordinator.Stats.UndecodableHistograms > 0)
            yield return $"cluster: {coordinator.Stats.UndecodableHistograms} latency histograms did not decode and are left out of the percentiles";
    }

    public ValueTask DisposeAsync() => local?.DisposeAsync() ?? ValueTask.CompletedTask;
}
