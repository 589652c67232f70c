using LoadLeak.Results;

namespace LoadLeak.Engine.Running;

/// <summary>
/// Every reporting interval, takes the rows due from every scenario and hands them to the observer.
/// Ticks are scheduled on the run clock (k × interval after the start), so they do not drift; a phase
/// boundary between two ticks splits the interval into two short rows (see <see cref="PhaseRows"/>).
/// </summary>
internal sealed class IntervalReporter(IReadOnlyList<ScenarioRunner> runners, RunClock clock, TimeSpan interval, IEngineObserver observer)
{
    private readonly List<IntervalRow> _rows = [];

    public IReadOnlyList<IntervalRow> Rows => _rows;

    public async Task RunAsync(CancellationToken stop)
    {
        var next = clock.Elapsed + interval;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var wait = next - clock.Elapsed;
                if (wait > TimeSpan.Zero) await clock.Delay(wait, stop).ConfigureAwait(false);
                Tick(flush: false);
                // After a stall, skip the missed ticks rather than firing a burst of near-empty rows.
                var missed = Math.Floor((clock.Elapsed - next) / interval);
                next += interval * (1 + Math.Max(0, missed));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run ended; Flush reports what is left.
        }
    }

    /// <summary>Reports every row still owed: the last, partial interval of each phase not reported yet.</summary>
    public void Flush() => Tick(flush: true);

    private void Tick(bool flush)
    {
        var t = clock.Seconds;
        var rows = new List<IntervalRow>();
        foreach (var runner in runners) runner.TakeRows(t, flush, rows);
        if (rows.Count == 0) return;
        _rows.AddRange(rows);
        observer.OnInterval(rows);
    }
}
