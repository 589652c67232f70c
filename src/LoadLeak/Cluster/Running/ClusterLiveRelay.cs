using LoadLeak.Cluster.Merging;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Schedules;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Running;

/// <summary>
/// Hands the merged rows to the session's observers (live console, result stream, retained-heap probe) once a
/// slot has settled (one and a half intervals after its end), on the session's clock. A phase starts for the
/// observers when a scenario's rows first carry its name, so boundary readings come up to an interval late;
/// its end is not known yet (given as its start; the result's merged phases carry the real ends). Its kind, copies
/// and rate are the plan's (the whole cluster's), not a merged row's: a row's target rate is a ramp's momentary one.
/// </summary>
internal sealed class ClusterLiveRelay(StatsMerger stats, IEngineObserver observer, EngineSettings settings, double shift)
{
    private readonly HashSet<(string Scenario, double T)> _sent = [];
    private readonly Dictionary<string, string> _phases = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Scenario, string Phase), PlannedPhase> _planned = settings.Scenarios
        .SelectMany(props => LoadPlan.Build(props, 0).Select(phase => (Key: (props.Name, phase.Name), phase)))
        .ToDictionary(x => x.Key, x => x.phase);
    private readonly TimeSpan _interval = settings.ReportingInterval;

    public async Task RunAsync(RunClock clusterClock, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
                Send(clusterClock.Seconds - 1.5 * _interval.TotalSeconds);
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
            var start = row.T - _interval.TotalSeconds + shift;
            observer.OnPhaseStarted(_planned.TryGetValue((row.Scenario, row.Phase), out var planned)
                ? new PhaseRecord(row.Phase, row.Scenario, planned.Kind, start, start, planned.Simulation.Describe(), planned.Copies,
                    planned.RatePerSecond)
                : new PhaseRecord(row.Phase, row.Scenario, row.Phase == LoadPlan.WarmUpName ? PhaseKind.WarmUp : PhaseKind.Load, start, start,
                    row.Phase.IndexOf(' ', StringComparison.Ordinal) is > 0 and var space ? row.Phase[(space + 1)..] : row.Phase,
                    row.Concurrency > 0 ? row.Concurrency : null, row.TargetRate > 0 ? row.TargetRate : null));
        }
        observer.OnInterval(rows.Select(r => r with { T = r.T + shift }).ToList());
    }
}
