using LoadLeak.Cli;
using LoadLeak.Correlator.Forensics.Go;
using LoadLeak.Engine.Running;
using LoadLeak.Results;

namespace LoadLeak.Sessions;

/// <summary>
/// --snapshots on a Go target: <c>goroutine?debug=1</c> and <c>heap?gc=1</c> at baseline, peak and after the cool-down,
/// diffed into goroutine stacks and allocating functions that grew and stayed (<see cref="GoForensicsSession"/>).
/// Snapshots are taken in order, one at a time, off the engine's thread.
/// </summary>
internal sealed class GoSnapshotProbe(Uri pprof, RunClock clock, IUserConsole console, CancellationToken ct) : ISnapshotProbe
{
    private readonly GoForensicsSession _session = new(pprof, () => clock.Seconds);
    private readonly SnapshotSchedule _schedule = new();
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly List<Task> _taken = [];

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
        Task[] taken;
        lock (_taken) taken = _taken.ToArray();
        await Task.WhenAll(taken);
        if (targetAlive) await TakeAsync("after-cool-down");
        if (_session.Compare() is { } result) return result;
        console.Warn($"Go forensics: {_session.Count} of 3 snapshots taken (baseline, peak, after cool-down); no diff");
        return null;
    }

    private async Task TakeAsync(string label)
    {
        try
        {
            await _oneAtATime.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { return; }
        try
        {
            var (taken, line) = await _session.TakeAsync(label, ct).ConfigureAwait(false);
            if (taken) console.Progress(line);
            else console.Warn(line);
        }
        catch (OperationCanceledException) { }
        finally { _oneAtATime.Release(); }
    }

    public void Dispose() => _oneAtATime.Dispose();
}
