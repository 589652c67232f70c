using LoadLeak.Cluster.Merging;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Schedules;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Running;

/// <summary>
/// Hands the merged rows to the session's observers (live console, result stream, retained-heap probe) once a
/// slot has settled (one and a half intervals after its end), on the session's clock. A phase starts for the
/// observers at its planned start (<see cref="PhaseSchedule"/>), so the retained-heap reading before it is taken
/// at the boundary, not when its first settled row arrives (2.5–3.5 s later); a phase the plan cannot place starts
/// when a scenario's rows first carry its name. Its end is not known yet (given as its start; the result's merged
/// phases carry the real ends). Its kind, copies and rate are the plan's (the whole cluster's), not a merged row's:
/// a row's target rate is a ramp's momentary one.
/// </summary>
internal sealed class ClusterLiveRelay(StatsMerger stats, IEngineObserver observer, EngineSettings settings, double shift)
{
    private readonly HashSet<(string Scenario, double T)> _sent = [];
    private readonly HashSet<(string Scenario, string Phase)> _started = [];
    private readonly PhaseSchedule _schedule = new(settings);
    private static readonly TimeSpan ScheduleTick = TimeSpan.FromMilliseconds(100);
    private readonly TimeSpan _interval = settings.ReportingInterval;

    public async Task RunAsync(RunClock clusterClock, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(ScheduleTick);
        var nextSend = _interval.TotalSeconds;
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                var now = clusterClock.Seconds;
                foreach (var (scenario, phase, start) in _schedule.StartedBy(now))
                    Start(scenario, phase.Name, start, phase);
                if (now < nextSend) continue;
                nextSend += _interval.TotalSeconds * Math.Max(1, Math.Floor((now - nextSend) / _interval.TotalSeconds) + 1);
                Send(now - 1.5 * _interval.TotalSeconds);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>Everything not yet sent.</summary>
    public void Flush() => Send(double.PositiveInfinity);

    /// <summary>Tells the observers a phase started at <paramref name="start"/> on the cluster's clock, once.</summary>
    private void Start(string scenario, string name, double start, PlannedPhase planned)
    {
        if (!_started.Add((scenario, name))) return;
        observer.OnPhaseStarted(new PhaseRecord(name, scenario, planned.Kind, start + shift, start + shift, planned.Simulation.Describe(),
            planned.Copies, planned.RatePerSecond));
    }

    private void Send(double settledBefore)
    {
        var rows = stats.MergedRows().Where(r => r.T <= settledBefore && !_sent.Contains((r.Scenario, r.T))).ToList();
        if (rows.Count == 0) return;
        foreach (var row in rows)
        {
            _sent.Add((row.Scenario, row.T));
            if (_started.Contains((row.Scenario, row.Phase))) continue;
            var start = row.T - _interval.TotalSeconds;
            if (_schedule.TryGet(row.Scenario, row.Phase, out var planned)) Start(row.Scenario, row.Phase, start, planned);
            else
            {
                _started.Add((row.Scenario, row.Phase));
                observer.OnPhaseStarted(new PhaseRecord(row.Phase, row.Scenario,
                    row.Phase == LoadPlan.WarmUpName ? PhaseKind.WarmUp : PhaseKind.Load, start + shift, start + shift,
                    row.Phase.IndexOf(' ', StringComparison.Ordinal) is > 0 and var space ? row.Phase[(space + 1)..] : row.Phase,
                    row.Concurrency > 0 ? row.Concurrency : null, row.TargetRate > 0 ? row.TargetRate : null));
            }
        }
        observer.OnInterval(rows.Select(r => r with { T = r.T + shift }).ToList());
    }
}
