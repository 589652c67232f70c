using System.Globalization;
using LoadLeak.Correlator.Sampling.Endpoints;
using LoadLeak.Correlator.Sampling.Go;
using LoadLeak.Results;

namespace LoadLeak.Correlator.Forensics.Go;

/// <summary>
/// The Go snapshots of one run through its pprof base, kept in the order taken, and their diff as run.json's heap
/// section. Thread-safe. Used by the run's snapshot probe; the snapshot types themselves stay inside the correlator.
/// </summary>
public sealed class GoForensicsSession(Uri pprof, Func<double> now)
{
    private readonly GoSnapshotter _snapshotter = new(new PprofEndpoint(pprof), now);
    private readonly List<GoSnapshot> _ordered = [];

    public int Count
    {
        get { lock (_ordered) return _ordered.Count; }
    }

    /// <summary>Takes one snapshot; the console line that describes it, or the one-line reason it failed (naming the URL).</summary>
    public async Task<(bool Taken, string Line)> TakeAsync(string label, CancellationToken ct)
    {
        try
        {
            var snapshot = await _snapshotter.TakeAsync(label, ct).ConfigureAwait(false);
            lock (_ordered) _ordered.Add(snapshot);
            return (true, string.Create(CultureInfo.InvariantCulture,
                $"[{snapshot.T,6:0.0}s] Go snapshot '{label}': {snapshot.Goroutines.Total:N0} goroutines, " +
                $"{snapshot.RetainedBytes / 1048576:0.0} MB heap after GC, {snapshot.CaptureMs:0} ms"));
        }
        catch (EndpointException ex)
        {
            return (false, $"Go snapshot '{label}' failed: {ex.Message}");
        }
    }

    /// <summary>The diff of the first, second and last snapshot; null with fewer than three.</summary>
    public HeapForensicsResult? Compare()
    {
        lock (_ordered)
            return _ordered.Count < 3 ? null : GoSnapshotDiff.Compare(_ordered[0], _ordered[1], _ordered[^1]).ToHeapResult();
    }
}
