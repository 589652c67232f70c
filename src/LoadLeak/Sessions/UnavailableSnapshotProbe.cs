using LoadLeak.Engine.Running;
using LoadLeak.Results;

namespace LoadLeak.Sessions;

/// <summary>
/// --snapshots on a target that offers none (not .NET, no Go pprof): said once on the console and kept as a note in
/// run.json's heap section.
/// </summary>
internal sealed class UnavailableSnapshotProbe(string why) : ISnapshotProbe
{
    public void OnPhaseStarted(PhaseRecord phase) { }

    public void OnInterval(IReadOnlyList<IntervalRow> rows) { }

    public void TakePeakAfter(TimeSpan delay) { }

    public Task<HeapForensicsResult?> FinishAsync(bool targetAlive) =>
        Task.FromResult<HeapForensicsResult?>(new HeapForensicsResult([], [], [], []) { Notes = [why] });

    public void Dispose() { }
}
