using HdrHistogram;
using LoadLeak.Cluster.Members;
using LoadLeak.Cluster.Merging;
using LoadLeak.Cluster.Protocol;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Simulations;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Agents;

/// <summary>
/// The agent's engine observer: every interval row becomes one numbered <see cref="IntervalStats"/> message,
/// with the config's phase name and, when the engine handed them over, the interval's histograms encoded.
/// Called on the engine's reporter thread; it only encodes and queues.
/// </summary>
internal sealed class StatsStreamer(MemberLink link, IReadOnlyDictionary<string, IReadOnlyList<LoadSimulation>> original)
    : IEngineObserver, IIntervalHistogramObserver
{
    // Keyed by scenario and phase: a tick that crosses a phase boundary yields one row (and histogram pair) per phase.
    private readonly Dictionary<(string Scenario, string Phase), (double T, string Corrected, string Uncorrected)> _pending = [];
    private long _rows;

    public long Rows => Interlocked.Read(ref _rows);

    /// <summary>Run seconds at which the first phase began (after the scenarios' Init); NaN before.</summary>
    public double FirstPhaseAt { get; private set; } = double.NaN;

    public void OnPhaseStarted(PhaseRecord phase)
    {
        if (double.IsNaN(FirstPhaseAt)) FirstPhaseAt = phase.Start;
    }

    /// <summary>The engine's hook: called for each row before the same tick's <see cref="OnInterval"/>.</summary>
    public void OnIntervalHistograms(IntervalRow row, HistogramBase corrected, HistogramBase uncorrected)
    {
        var encoded = (row.T, HistogramCodec.Encode(corrected), HistogramCodec.Encode(uncorrected));
        lock (_pending) _pending[(row.Scenario, row.Phase)] = encoded;
    }

    public void OnInterval(IReadOnlyList<IntervalRow> rows)
    {
        foreach (var row in rows)
        {
            string? corrected = null, uncorrected = null;
            lock (_pending)
            {
                if (_pending.Remove((row.Scenario, row.Phase), out var histograms) && Math.Abs(histograms.T - row.T) < 1e-6)
                    (corrected, uncorrected) = (histograms.Corrected, histograms.Uncorrected);
            }
            var phase = original.TryGetValue(row.Scenario, out var simulations) ? PhaseNames.Original(row.Phase, simulations) : row.Phase;
            var seq = link.NextSeq();
            link.Stream(link.Subjects.Stats, seq, new IntervalStats(seq, row.Scenario, row.T, phase, row.Ok, row.Fail, row.BytesReceived,
                row.Late, row.Dropped, row.Concurrency, row.TargetRate, row.Rps, corrected, uncorrected)
            { P50Ms = row.P50, P99Ms = row.P99, P99UncorrectedMs = row.P99Uncorrected });
            Interlocked.Increment(ref _rows);
        }
    }

    /// <summary>The phase as the config names it (the agent's share has its own copies or rate in the name).</summary>
    public PhaseRecord Renamed(PhaseRecord phase)
    {
        if (!original.TryGetValue(phase.Scenario, out var simulations)) return phase;
        var name = PhaseNames.Original(phase.Name, simulations);
        var space = name.IndexOf(' ', StringComparison.Ordinal);
        return phase with { Name = name, Simulation = space > 0 && name != phase.Name ? name[(space + 1)..] : phase.Simulation };
    }

    public static ScenarioTotals Totals(ScenarioStats stats) =>
        new(stats.Name, stats.Ok, stats.Fail, stats.DurationSeconds, stats.BytesReceived, stats.Late, stats.Dropped,
            stats.StatusCodes, stats.Errors.Select(e => new ErrorTotal(e.StatusCode, e.Message, e.Count)).ToList(), stats.StopReason)
        { Latency = stats.Latency, LatencyUncorrected = stats.LatencyUncorrected };
}
