using LoadLeak.Cli;
using LoadLeak.Engine.Running;
using LoadLeak.Results;
using LoadLeak.Sessions;

namespace LoadLeak.Cluster.Probes;

/// <summary>
/// The probe's side of --snapshots: heap dumps of the target on its own host, taken when the coordinator's schedule
/// asks, diffed here, and only the analysis sent back. Nothing is set up until the first snapshot is asked for.
/// </summary>
internal sealed class ProbeSnapshots(int pid, bool isDotNet, RunClock clock, IUserConsole console, CancellationToken stop) : IDisposable
{
    private readonly Lock _sync = new();
    private HeapSnapshotProbe? _dumps;

    public async Task<bool> TakeAsync(string label) => Dumps() is { } dumps && await dumps.TakeNowAsync(label).ConfigureAwait(false);

    public async Task<HeapForensicsResult?> FinishAsync(bool targetAlive)
    {
        if (!isDotNet)
            return new HeapForensicsResult([], [], [], []) { Notes = ["--snapshots: the probe's target is not .NET: no heap dumps taken"] };
        return Dumps() is { } dumps ? await dumps.FinishAsync(targetAlive).ConfigureAwait(false) : null;
    }

    private HeapSnapshotProbe? Dumps()
    {
        if (!isDotNet) return null;
        lock (_sync) return _dumps ??= new HeapSnapshotProbe(pid, clock, console, keepDumps: false, stop);
    }

    public void Dispose()
    {
        lock (_sync) _dumps?.Dispose();
    }
}
