using LoadLeak.Cli;
using LoadLeak.Correlator.Forensics;
using LoadLeak.Engine.Running;
using LoadLeak.Results;

namespace LoadLeak.Sessions;

/// <summary>
/// Takes the three heap snapshots of a run — baseline (after the warm-up), peak (when the load first
/// drops from its highest step, i.e. the cool-down begins) and after cool-down (when the load ended) —
/// and diffs them: objects that appeared under load and survived the cool-down are the leak candidates.
/// Snapshots run off the engine's thread, one at a time; each pauses the target (measured, reported).
/// </summary>
internal sealed class HeapSnapshotProbe(int pid, RunClock clock, IUserConsole console, bool keepDumps, CancellationToken ct) : ISnapshotProbe
{
    private readonly HeapSnapshotter _snapshotter = new(new HeapSnapshotOptions { KeepDumps = keepDumps });
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly SnapshotSchedule _schedule = new();
    private readonly List<Task<HeapSnapshot?>> _taken = [];

    public void OnPhaseStarted(PhaseRecord phase)
    {
        if (_schedule.Due(phase) is not { } label) return;
        lock (_taken) _taken.Add(TakeAsync(label));
    }

    public void OnInterval(IReadOnlyList<IntervalRow> rows) { }

    /// <summary>Soak mode has no cool-down step: its "peak" snapshot is taken midway through the hold.</summary>
    public void TakePeakAfter(TimeSpan delay) =>
        Task.Delay(delay, ct).ContinueWith(t => { if (!t.IsCanceled) TakePeakNow(); }, TaskScheduler.Default);

    /// <summary>A cluster probe takes the snapshot the coordinator's schedule asked for, and says whether it was taken.</summary>
    public async Task<bool> TakeNowAsync(string label)
    {
        var snapshot = TakeAsync(label);
        lock (_taken) _taken.Add(snapshot);
        return await snapshot.ConfigureAwait(false) is not null;
    }

    private void TakePeakNow()
    {
        if (!_schedule.PeakNow()) return;
        lock (_taken) _taken.Add(TakeAsync("peak"));
    }

    /// <summary>The after-cool-down snapshot, then the diff; null when fewer than three snapshots were taken.</summary>
    public async Task<HeapForensicsResult?> FinishAsync(bool targetAlive)
    {
        Task<HeapSnapshot?>[] taken;
        lock (_taken) taken = _taken.ToArray();
        var snapshots = (await Task.WhenAll(taken)).Where(s => s is not null).Select(s => s!).ToList();
        if (targetAlive && await TakeAsync("after-cool-down") is { } last) snapshots.Add(last);
        if (snapshots.Count < 3)
        {
            console.Warn($"heap forensics: {snapshots.Count} of 3 snapshots taken (baseline, peak, after cool-down); no heap diff");
            return null;
        }
        return HeapDiff.Compare(snapshots[0], snapshots[1], snapshots[^1]);
    }

    private async Task<HeapSnapshot?> TakeAsync(string label)
    {
        try
        {
            await _oneAtATime.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { return null; }
        try
        {
            var t = clock.Seconds;
            console.Progress($"[{t,6:0.0}s] heap snapshot '{label}'…");
            var snapshot = await _snapshotter.TakeAsync(pid, label, t, ct).ConfigureAwait(false);
            console.Progress($"[{clock.Seconds,6:0.0}s] heap snapshot '{label}': {snapshot.HeapBytes / 1048576:0.0} MB, {snapshot.Objects:N0} objects, {snapshot.PauseAgainstBudget()} (WriteDump {snapshot.WriteDumpMs:0} ms, {snapshot.DumpFolderKind}), analysed in {snapshot.AnalysisMs:0} ms");
            return snapshot;
        }
        catch (OperationCanceledException) { return null; }
        catch (Exception ex)
        {
            console.Warn($"heap snapshot '{label}' failed: {ex.Message}");
            return null;
        }
        finally { _oneAtATime.Release(); }
    }

    public void Dispose() => _snapshotter.Dispose();
}
