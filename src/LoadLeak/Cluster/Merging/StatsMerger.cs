using LoadLeak.Cluster.Protocol;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Schedules;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Merging;

/// <summary>
/// Merges the agents' interval stats by scenario, phase and interval: counts add, rates add, histograms add
/// exactly. A phase boundary inside an interval keeps the two short rows apart, as one engine reports them, so every
/// request stays in the phase its work started in (a Pause never takes its neighbour's). Rows are kept per agent too
/// (the per-agent table and plot), also for agents lost mid-run. A message sent twice (resends) counts once. Thread-safe.
/// </summary>
internal sealed class StatsMerger(TimeSpan interval)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<IntervalStats>> _byAgent = new(StringComparer.Ordinal);
    private readonly HashSet<(string Agent, long Seq)> _seen = [];
    private long _undecodable;

    /// <summary>Histograms that did not decode (counted, and left out of the latency figures).</summary>
    public long UndecodableHistograms => Interlocked.Read(ref _undecodable);

    /// <returns>False for a duplicate.</returns>
    public bool Add(string agent, IntervalStats stats)
    {
        lock (_gate)
        {
            if (!_seen.Add((agent, stats.Seq))) return false;
            if (!_byAgent.TryGetValue(agent, out var rows)) _byAgent[agent] = rows = [];
            rows.Add(stats);
            return true;
        }
    }

    public IReadOnlyList<string> AgentIds { get { lock (_gate) return _byAgent.Keys.Order(StringComparer.Ordinal).ToList(); } }

    public IReadOnlyList<IntervalStats> RowsOf(string agent)
    {
        lock (_gate) return _byAgent.TryGetValue(agent, out var rows) ? rows.OrderBy(r => r.T).ThenBy(r => r.Scenario).ToList() : [];
    }

    /// <summary>One row per scenario, phase and interval, sorted by time, as a single process would have reported it.</summary>
    public IReadOnlyList<IntervalRow> MergedRows()
    {
        List<(string Agent, IntervalStats Row)> all;
        lock (_gate) all = _byAgent.SelectMany(kv => kv.Value.Select(row => (kv.Key, row))).ToList();
        var merged = all
            .GroupBy(x => (x.Row.Scenario, x.Row.Phase, Slot: Slot(x.Row.T)))
            .Select(g => Merge(g.Key.Scenario, g.Key.Phase, g.Key.Slot, g.ToList()))
            .OrderBy(m => m.Row.T).ThenBy(m => m.Row.Scenario, StringComparer.Ordinal).ThenBy(m => m.Row.Phase, StringComparer.Ordinal)
            .ToList();
        // Every call merges every row received so far: the count is this merge's, not a running sum over calls.
        Interlocked.Exchange(ref _approximate, merged.Count(m => m.Approximate));
        return merged.Select(m => m.Row).ToList();
    }

    /// <summary>The scenario's latency over its measured (non-warm-up) intervals, from every agent's histograms.</summary>
    public (LatencySummary Corrected, LatencySummary Uncorrected, long Count) TotalLatency(string scenario)
    {
        List<IntervalStats> rows;
        lock (_gate) rows = _byAgent.Values.SelectMany(r => r).Where(r => r.Scenario == scenario && r.Phase != LoadPlan.WarmUpName).ToList();
        var (corrected, uncorrected) = Sum(rows);
        return (corrected.Summary(), uncorrected.Summary(), corrected.TotalCount);
    }

    private long Slot(double t) => (long)Math.Round(t / interval.TotalSeconds, MidpointRounding.AwayFromZero);

    /// <summary>
    /// A row ends on the interval's tick, or earlier when its phase ended inside the interval: that row keeps its own
    /// end, so a reader placing rows by time still finds the phase's work before the boundary.
    /// </summary>
    private double EndOf(long slot, List<IntervalStats> rows)
    {
        var tick = slot * interval.TotalSeconds;
        var end = rows.Max(r => r.T);
        return tick - end > BoundaryShare * interval.TotalSeconds ? end : tick;
    }

    /// <summary>Further before the tick than this share of an interval, a row ended at a phase boundary, not at the tick.</summary>
    private const double BoundaryShare = 0.1;

    private (IntervalRow Row, bool Approximate) Merge(string scenario, string phase, long slot, List<(string Agent, IntervalStats Row)> parts)
    {
        var rows = parts.Select(p => p.Row).ToList();
        var (corrected, uncorrected) = Sum(rows);
        // An agent's rate over the slot is its count over its rows' durations; the cluster's is the sum.
        var rps = parts.GroupBy(p => p.Agent).Sum(agent =>
        {
            var count = agent.Sum(p => p.Row.Ok + p.Row.Fail);
            var seconds = agent.Sum(p => p.Row.Rps > 0 ? (p.Row.Ok + p.Row.Fail) / p.Row.Rps : 0);
            return seconds > 0 ? count / seconds : 0;
        });
        var (p50, p99, p99Uncorrected, approximate) = Percentiles(rows, corrected, uncorrected);
        return (new IntervalRow(EndOf(slot, rows), scenario, phase, rows.Sum(r => r.Ok), rows.Sum(r => r.Fail), rps,
            p50, p99, p99Uncorrected, rows.Sum(r => r.Concurrency), rows.Sum(r => r.TargetRate),
            rows.Sum(r => r.Late), rows.Sum(r => r.Dropped))
        { BytesReceived = rows.Sum(r => r.Bytes) }, approximate);
    }

    /// <summary>
    /// Exact from the histograms; without them (agents whose engine does not hand its interval histograms over), an
    /// approximation from the agents' own percentiles: p99 the highest agent's, p50 the request-weighted mean.
    /// </summary>
    private static (double P50, double P99, double P99Uncorrected, bool Approximate) Percentiles(
        List<IntervalStats> rows, HistogramSum corrected, HistogramSum uncorrected)
    {
        // Exact unless a row that completed work came without histograms. A row that completed nothing has no latency to
        // approximate (a phase's first short slice); an empty histogram is exact too: failures record no latency, and a
        // request counted just before a tick records its latency into the next interval.
        if (corrected.TotalCount > 0 || rows.All(r => r.Corrected is not null || r.P99Ms is null || r.Ok + r.Fail == 0))
            return (corrected.Summary().P50, corrected.Summary().P99, uncorrected.Summary().P99, false);
        var count = rows.Sum(r => r.Ok + r.Fail);
        var p50 = count == 0 ? 0 : rows.Sum(r => (r.P50Ms ?? 0) * (r.Ok + r.Fail)) / count;
        return (p50, rows.Max(r => r.P99Ms ?? 0), rows.Max(r => r.P99UncorrectedMs ?? 0), true);
    }

    private long _approximate;

    /// <summary>Merged rows whose percentiles are approximations (no histograms arrived for them).</summary>
    public long ApproximateRows => Interlocked.Read(ref _approximate);

    private (HistogramSum Corrected, HistogramSum Uncorrected) Sum(IEnumerable<IntervalStats> rows)
    {
        var corrected = new HistogramSum();
        var uncorrected = new HistogramSum();
        foreach (var row in rows)
        {
            if (row.Corrected is not null && !corrected.TryAdd(row.Corrected)) Interlocked.Increment(ref _undecodable);
            if (row.Uncorrected is not null && !uncorrected.TryAdd(row.Uncorrected)) Interlocked.Increment(ref _undecodable);
        }
        return (corrected, uncorrected);
    }
}
