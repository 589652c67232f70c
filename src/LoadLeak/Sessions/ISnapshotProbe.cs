using LoadLeak.Engine.Running;
using LoadLeak.Results;

namespace LoadLeak.Sessions;

/// <summary>Takes the run's baseline, peak and after-cool-down snapshots of the target and diffs them (.NET dumps, Go pprof).</summary>
internal interface ISnapshotProbe : IEngineObserver, IDisposable
{
    /// <summary>Soak mode has no cool-down step: its "peak" snapshot is taken midway through the hold.</summary>
    void TakePeakAfter(TimeSpan delay);

    /// <summary>The after-cool-down snapshot, then the diff; null when fewer than three snapshots were taken.</summary>
    Task<HeapForensicsResult?> FinishAsync(bool targetAlive);
}
