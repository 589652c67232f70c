using LoadLeak.Cli;
using LoadLeak.Correlator.Forensics.Go;
using LoadLeak.Correlator.Sampling.Endpoints;
using LoadLeak.Correlator.Sampling.Go;
using LoadLeak.Engine.Running;
using LoadLeak.Results;

namespace LoadLeak.Sessions;

/// <summary>
/// --snapshots on a Go target: <c>goroutine?debug=1</c> and <c>heap?gc=1</c> at baseline, peak and after the cool-down,
/// diffed into goroutine stacks and allocating functions that grew and stayed (<see cref="GoSnapshotDiff"/>).
/// </summary>
internal sealed class GoSnapshotProbe(Uri pprof, RunClock clock, IUserConsole console, CancellationToken ct) : ISnapshotProbe
{
    private readonly GoSnapshotter _snapshotter = new(new PprofEndpoint(pprof), () => clock.Seconds);
    private readonly SnapshotSchedule _schedule = new();
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly List<Task<GoSnapshot?>> _taken = [];

    public void OnPhaseStarted(PhaseRecord phase)
    {
        if (_schedule.Due(phase) is not { } label) return;
        lock (_taken) _taken.Add(TakeAsync(label));
    }

    public void OnInterval(IReadOnlyList<IntervalRow> rows) { }

    public void TakePeakAfter(TimeSpan delay) =>
        Task.Delay(delay, ct).ContinueWith(t =>
        {
            if (t.IsCanceled || !_schedule.PeakNow()) return;
            lock (_taken) _taken.Add(TakeAsync("peak"));
        }, TaskScheduler.Default);

    public async Task<HeapForensicsResult?> FinishAsync(bool targetAlive)
    {
        Task<GoSnapshot?>[] taken;
        lock (_taken) taken = _taken.ToArray();
        var snapshots = (await Task.WhenAll(taken)).OfType<GoSnapshot>().ToList();
        if (targetAlive && await TakeAsync("after-cool-down") is { } last) snapshots.Add(last);
        if (snapshots.Count < 3)
        {
            console.Warn($"Go forensics: {snapshots.Count} of 3 snapshots taken (baseline, peak, after cool-down); no diff");
            return null;
        }
        return GoSnapshotDiff.Compare(snapshots[0], snapshots[1], snapshots[^1]).ToHeapResult();
    }

    private async Task<GoSnapshot?> TakeAsync(string label)
    {
        try
        {
            await _oneAtATime.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { return null; }
        try
        {
            var snapshot = await _snapshotter.TakeAsync(label, ct).ConfigureAwait(false);
            console.Progress($"[{snapshot.T,6:0.0}s] Go snapshot '{label}': {snapshot.Goroutines.Total:N0} goroutines, " +
                             $"{snapshot.RetainedBytes / 1048576:0.0} MB heap after GC, {snapshot.CaptureMs:0} ms");
            return snapshot;
        }
        catch (OperationCanceledException) { return null; }
        catch (EndpointException ex)
        {
            console.Warn($"Go snapshot '{label}' failed: {ex.Message}");
            return null;
        }
        finally { _oneAtATime.Release(); }
    }

    public void Dispose() => _oneAtATime.Dispose();
}
