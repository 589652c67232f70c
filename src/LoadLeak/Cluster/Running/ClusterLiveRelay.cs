using LoadLeak.Cluster.Merging;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Schedules;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Running;

/// <summary>
/// Hands the merged rows to the session's observers (live console, result stream, retained-heap probe) once a
/// slot has settled (one and a half intervals after its end), on the session's clock. A phase starts for the
/// observers when a scenario's rows first carry its name, so boundary readings come up to an interval late;
/// its end is not known yet (given as its start; the result's merged phases carry the real ends).
/// </summary>
internal sealed class ClusterLiveRelay(StatsMerger stats, IEngineObserver observer, TimeSpan interval, double shift)
{
    private readonly HashSet<(string Scenario, double T)> _sent = [];
    private readonly Dictionary<string, string> _phases = new(StringComparer.Ordinal);

    public async Task RunAsync(RunClock clusterClock, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
                Send(clusterClock.Seconds - 1.5 * interval.TotalSeconds);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>Everything not yet sent.</summary>
    public void Flush() => Send(double.PositiveInfinity);

    private void Send(double settledBefore)
    {
        var rows = stats.MergedRows().Where(r => r.T <= settledBefore && !_sent.Contains((r.Scenario, r.T))).ToList();
        if (rows.Count == 0) return;
        foreach (var row in rows)
        {
            _sent.Add((row.Scenario, row.T));
            if (_phases.TryGetValue(row.Scenario, out var phase) && phase == row.Phase) continue;
            _phases[row.Scenario] = row.Phase;
            var space = row.Phase.IndexOf(' ', StringComparison.Ordinal);
            observer.OnPhaseStarted(new PhaseRecord(row.Phase, row.Scenario, row.Phase == LoadPlan.WarmUpName ? PhaseKind.WarmUp : PhaseKind.Load,
                row.T - interval.TotalSeconds + shift, row.T - interval.TotalSeconds + shift, space > 0 ? row.Phase[(space + 1)..] : row.Phase,
                row.Concurrency > 0 ? row.Concurrency : null, row.TargetRate > 0 ? row.TargetRate : null));
        }
        observer.OnInterval(rows.Select(r => r with { T = r.T + shift }).ToList());
    }
}
