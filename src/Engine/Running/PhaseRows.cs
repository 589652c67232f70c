using LoadLeak.Engine.Stats;
using LoadLeak.Results;

namespace LoadLeak.Engine.Running;

/// <summary>
/// The reporter's side of one scenario's phases: the phase running now, and the ended ones whose last row
/// is still owed. A row never spans two phases: it holds the iterations of one phase that finished since that
/// phase's previous row. T is the end of the span the row covers on the run clock (the tick, or the phase's
/// end for its last row) and Rps is the row's operations over that span, which starts at the phase's previous
/// row or at the phase's start; so a boundary gives each of its two phases a short row. A phase's last row
/// waits until the iterations that started in the phase have finished (flushing at the end of the run does not).
/// </summary>
internal sealed class PhaseRows(string scenario, ScenarioMetrics metrics, IIntervalHistogramObserver? histograms)
{
    private readonly Lock _gate = new();
    private readonly List<PhaseMeter> _open = [];

    public void Begin(PhaseMeter meter)
    {
        lock (_gate) _open.Add(meter);
    }

    public void End(PhaseMeter meter, double endSeconds)
    {
        lock (_gate)
        {
            meter.EndSeconds = endSeconds;
            meter.Ended = true;
        }
    }

    /// <summary>Appends the rows due at run second <paramref name="t"/>. Reporter thread only.</summary>
    /// <param name="level">The concurrency and target rate of a phase at a time (its end for a last row).</param>
    public void Take(double t, bool flush, Func<PhaseMeter, double, (int Concurrency, double TargetRate)> level, List<IntervalRow> rows)
    {
        lock (_gate)
        {
            for (var i = 0; i < _open.Count; i++)
            {
                var meter = _open[i];
                double end;
                if (meter.Ended)
                {
                    if (!flush && (meter.InFlight > 0 || t < meter.EndSeconds)) continue;
                    end = meter.EndSeconds;
                }
                else if (flush)
                {
                    end = t;
                }
                else
                {
                    // Past its planned end, a phase whose successor has not begun yet (a late control tick) owes only its last row.
                    if (t < meter.PlannedEndSeconds && t > meter.LastRowSeconds) rows.Add(Row(meter, t, level));
                    continue;
                }
                rows.Add(Row(meter, Math.Max(meter.LastRowSeconds, end), level));
                metrics.Release(meter);
                _open.RemoveAt(i--);
            }
        }
    }

    private IntervalRow Row(PhaseMeter meter, double t, Func<PhaseMeter, double, (int Concurrency, double TargetRate)> level)
    {
        var now = meter.Counts.Read();
        var delta = now - meter.AtLastRow;
        var seconds = t - meter.LastRowSeconds;
        meter.AtLastRow = now;
        meter.LastRowSeconds = t;
        var (corrected, uncorrected) = meter.Recorders.Take();
        if (meter.Measured) metrics.AddToTotals(corrected, uncorrected);
        var (concurrency, targetRate) = level(meter, t);
        var c = LatencyHistograms.Summarize(corrected);
        var u = LatencyHistograms.Summarize(uncorrected);
        var row = new IntervalRow(t, scenario, meter.Phase.Name, delta.Ok, delta.Fail, seconds > 1e-6 ? delta.Total / seconds : 0,
            c.P50, c.P99, u.P99, concurrency, targetRate, delta.Late, delta.Dropped)
        { BytesReceived = delta.Bytes };
        histograms?.OnIntervalHistograms(row, corrected, uncorrected);
        return row;
    }
}
