using LoadLeak.Results;
using LoadLeak.Sessions;

namespace LoadLeak.Cluster.Running;

/// <summary>
/// --snapshots in a cluster run with a probe: the coordinator keeps the schedule (baseline, peak, after cool-down) on
/// the merged load's phases and asks the probe to take each snapshot on the target's host; the probe diffs them and
/// sends the analysis, whose times are moved onto the session's clock.
/// </summary>
internal sealed class ClusterSnapshotProbe(ClusterRunState state, CancellationToken ct) : ISnapshotProbe
{
    private readonly SnapshotSchedule _schedule = new();
    private readonly List<Task> _asked = [];

    public void OnPhaseStarted(PhaseRecord phase)
    {
        if (_schedule.Due(phase) is { } label) Ask(label);
    }

    public void OnInterval(IReadOnlyList<IntervalRow> rows) { }

    public void TakePeakAfter(TimeSpan delay) =>
        Task.Delay(delay, ct).ContinueWith(t => { if (!t.IsCanceled && _schedule.PeakNow()) Ask("peak"); }, TaskScheduler.Default);

    private void Ask(string label)
    {
        lock (_asked) _asked.Add(AskAsync(label));
    }

    private async Task AskAsync(string label)
    {
        try
        {
            if (!await state.Coordinator.ProbeSnapshotAsync(label, ct).ConfigureAwait(false))
                state.Console.Warn($"heap snapshot '{label}': the probe did not take it (see the probe's console)");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The load was stopped (memory guard, Ctrl-C) while the snapshot was asked for: it is one snapshot fewer, not a lost run.
        }
    }

    public async Task<HeapForensicsResult?> FinishAsync(bool targetAlive)
    {
        Task[] asked;
        lock (_asked) asked = [.. _asked];
        await Task.WhenAll(asked).ConfigureAwait(false);
        if (state.Interrupt.IsCancellationRequested)
        {
            state.Console.Warn("heap forensics: the run was interrupted and the probe released; no heap diff");
            return null;
        }
        // Not the load's token: after the memory guard stopped the load, the probe still diffs what it took (bounded by its timeout).
        var forensics = await state.Coordinator.ProbeSnapshotFinishAsync(targetAlive, CancellationToken.None).ConfigureAwait(false);
        if (forensics is null)
        {
            state.Console.Warn("heap forensics: the probe sent no heap diff (fewer than three snapshots, or it did not answer)");
            return null;
        }
        return forensics with { Snapshots = forensics.Snapshots.Select(s => s with { T = s.T + state.Shift }).ToList() };
    }

    public void Dispose() { }
}
