using System.Diagnostics;
using LoadLeak.Correlator.Retained;
using Microsoft.Diagnostics.NETCore.Client;

namespace LoadLeak.Correlator.Forensics;

/// <summary>
/// Takes heap snapshots of a live .NET process: WriteDump (DumpType.WithHeap) into a private
/// folder (tmpfs when it has room), then a ClrMD analysis of the dump off the target. The
/// target is stopped only while createdump gathers and writes its memory; that stop is measured
/// from /proc (<see cref="ThreadStopMeter"/>) and reported as the pause, beside the duration of
/// the WriteDump call (which adds IPC and createdump's start-up). A live attach would suspend
/// the target for the whole analysis instead (~9 s measured), so it is not used.
/// The first snapshot becomes the baseline: later ones trace retention paths for the types
/// that grew since.
/// </summary>
public sealed class HeapSnapshotter(HeapSnapshotOptions? options = null) : IDisposable
{
    private readonly HeapSnapshotOptions _options = options ?? new HeapSnapshotOptions();
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private DumpFolders? _folders;
    private int _sequence;

    public HeapSnapshot? Baseline { get; private set; }

    /// <summary>The private folder the last dump was written to (deleted on dispose unless dumps are kept).</summary>
    public string? DumpFolder => _folders?.LastFolder;

    /// <summary>Dumps the heap of <paramref name="pid"/> and analyses it. Snapshots run one at a
    /// time. Throws if the process cannot be reached over the diagnostics IPC (not .NET, other
    /// user, diagnostics disabled) or the dump cannot be read.</summary>
    public async Task<HeapSnapshot> TakeAsync(int pid, string label, double t, CancellationToken ct)
    {
        await _oneAtATime.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // A busy target is often in a GC; a dump taken then cannot be walked. Take another, a little later.
            var midGc = new List<string>();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var snapshot = await TakeOnceAsync(pid, label, t, ct).ConfigureAwait(false);
                    return midGc.Count == 0 ? snapshot : snapshot with { Notes = [.. midGc, .. snapshot.Notes] };
                }
                catch (HeapNotWalkableException) when (attempt < _options.MidGcAttempts)
                {
                    midGc.Add($"dump {attempt} caught the target in the middle of a GC (heap not walkable); dumped again");
                    await Task.Delay(_options.MidGcRetryDelay * attempt, ct).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<HeapSnapshot> TakeOnceAsync(int pid, string label, double t, CancellationToken ct)
    {
        _folders ??= new DumpFolders(_options);
        var dumpPath = _folders.NewDumpPath(label, pid, ++_sequence);
        try
        {
            var written = await WriteDumpAsync(pid, dumpPath, ct).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            var baseline = Baseline?.Types;
            var analysis = await Task.Run(() => DumpAnalyzer.Analyze(dumpPath, baseline, _options), ct).ConfigureAwait(false);
            var analysisMs = clock.Elapsed.TotalMilliseconds;
            if (_options.KeepDumps) dumpPath = _folders.MoveToDisk(dumpPath);
            var snapshot = new HeapSnapshot
            {
                Label = label,
                T = t,
                HeapBytes = analysis.HeapBytes,
                Objects = analysis.Objects,
                PauseMs = written.Pause?.PauseMs ?? written.CallMs,
                PauseMeasured = written.Pause is not null,
                PauseResolutionMs = written.Pause?.ResolutionMs,
                WriteDumpMs = written.CallMs,
                DumpBytes = written.Bytes,
                DumpFolderKind = _folders.LastKind,
                AnalysisMs = analysisMs,
                LiveOnly = analysis.LiveOnly,
                Types = analysis.Types,
                PendingTasks = analysis.PendingTasks,
                RetentionPaths = analysis.RetentionPaths,
                DumpPath = _options.KeepDumps ? dumpPath : null,
                Notes = [.. analysis.Notes, .. DumpNotes(written, dumpPath)],
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

    private async Task<WrittenDump> WriteDumpAsync(int pid, string dumpPath, CancellationToken ct)
    {
        // Not while an induced GC of the same target is under way (nor one while this dump is written).
        double callMs;
        PauseMeasurement? pause;
        using (await TargetGate.EnterAsync(pid, "a heap dump", ct).ConfigureAwait(false))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_options.DumpTimeout);
            var client = new DiagnosticsClient(pid);
            using var meter = ThreadStopMeter.TryStart(pid, _options.PauseSampleInterval);
            var clock = Stopwatch.StartNew();
            await client.WriteDumpAsync(_options.DumpType, dumpPath, logDumpGeneration: false, timeout.Token).ConfigureAwait(false);
            callMs = clock.Elapsed.TotalMilliseconds;
            pause = meter?.Stop();
        }
        if (!File.Exists(dumpPath)) throw new IOException($"the target (pid {pid}) reported a dump at {dumpPath} but none was written; does it run " +
            "as another user?");
        PrivateDumpFolder.RestrictToOwner(dumpPath);
        return new WrittenDump(callMs, pause, new FileInfo(dumpPath).Length);
    }

    private IEnumerable<string> DumpNotes(WrittenDump written, string dumpPath)
    {
        var pause = written.Pause is { } p
            ? FormattableString.Invariant($"target stopped {p.PauseMs:0} ± {p.ResolutionMs:0} ms ({p.MaxStoppedThreads} threads in tracing stop)")
            : "target stop not measurable here (no /proc task states): the pause shown is the WriteDump call";
        yield return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{pause}; WriteDump call {written.CallMs:0} ms; {_options.DumpType} dump of {written.Bytes / 1048576.0:0} MB"
            + $" written to {_folders!.LastKind}");
        if (_folders.LastFallbackReason is { } reason) yield return "dump not written to tmpfs: " + reason;
        if (_options.KeepDumps) yield return $"dump kept at {dumpPath} (holds the target's memory: delete it when done)";
    }

    private sealed record WrittenDump(double CallMs, PauseMeasurement? Pause, long Bytes);

    public void Dispose()
    {
        _folders?.Dispose();
        _oneAtATime.Dispose();
    }
}
