using System.Diagnostics;
using Microsoft.Diagnostics.NETCore.Client;

namespace LoadLeak.Correlator.Forensics;

/// <summary>
/// Takes heap snapshots of a live .NET process: WriteDump (DumpType.WithHeap) into a private
/// folder, then a ClrMD analysis of the dump off the target. The target is suspended only
/// while the runtime writes the dump; the duration of that call is reported as the pause (an
/// upper bound: it also covers IPC and process start of createdump). A live attach would
/// suspend the target for the whole analysis instead (~9 s measured), so it is not used.
/// The first snapshot becomes the baseline: later ones trace retention paths for the types
/// that grew since.
/// </summary>
public sealed class HeapSnapshotter(HeapSnapshotOptions? options = null) : IDisposable
{
    private readonly HeapSnapshotOptions _options = options ?? new HeapSnapshotOptions();
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private PrivateDumpFolder? _folder;
    private int _sequence;

    public HeapSnapshot? Baseline { get; private set; }

    /// <summary>Dumps the heap of <paramref name="pid"/> and analyses it. Snapshots run one at a
    /// time. Throws if the process cannot be reached over the diagnostics IPC (not .NET, other
    /// user, diagnostics disabled) or the dump cannot be read.</summary>
    public async Task<HeapSnapshot> TakeAsync(int pid, string label, double t, CancellationToken ct)
    {
        await _oneAtATime.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _folder ??= new PrivateDumpFolder(_options.DumpRoot, _options.KeepDumps);
            var dumpPath = _folder.NewDumpPath(label, pid, ++_sequence);
            try
            {
                var pause = await WriteDumpAsync(pid, dumpPath, ct).ConfigureAwait(false);
                var clock = Stopwatch.StartNew();
                var baseline = Baseline?.Types;
                var analysis = await Task.Run(() => DumpAnalyzer.Analyze(dumpPath, baseline, _options), ct).ConfigureAwait(false);
                var snapshot = new HeapSnapshot
                {
                    Label = label,
                    T = t,
                    HeapBytes = analysis.HeapBytes,
                    Objects = analysis.Objects,
                    PauseMs = pause.TotalMilliseconds,
                    AnalysisMs = clock.Elapsed.TotalMilliseconds,
                    LiveOnly = analysis.LiveOnly,
                    Types = analysis.Types,
                    PendingTasks = analysis.PendingTasks,
                    RetentionPaths = analysis.RetentionPaths,
                    DumpPath = _options.KeepDumps ? dumpPath : null,
                    Notes = _options.KeepDumps ? [.. analysis.Notes, $"dump kept at {dumpPath} (holds the target's memory: delete it when done)"] : analysis.Notes,
                };
                Baseline ??= snapshot;
                return snapshot;
            }
            finally
            {
                // Also after a failed or cancelled dump: a partial dump still holds secrets.
                if (!_options.KeepDumps) File.Delete(dumpPath);
            }
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<TimeSpan> WriteDumpAsync(int pid, string dumpPath, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.DumpTimeout);
        var client = new DiagnosticsClient(pid);
        var clock = Stopwatch.StartNew();
        await client.WriteDumpAsync(DumpType.WithHeap, dumpPath, logDumpGeneration: false, timeout.Token).ConfigureAwait(false);
        var pause = clock.Elapsed;
        if (!File.Exists(dumpPath)) throw new IOException($"the target (pid {pid}) reported a dump at {dumpPath} but none was written; does it run as another user?");
        PrivateDumpFolder.RestrictToOwner(dumpPath);
        return pause;
    }

    public void Dispose()
    {
        _folder?.Dispose();
        _oneAtATime.Dispose();
    }
}
