using LoadLeak.Results;

namespace LoadLeak.Engine.Running;

/// <summary>
/// Every reporting interval, takes one row per running scenario and hands them to the observer.
/// Ticks are scheduled on the run clock (k × interval after the start), so they do not drift.
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
                if (wait > TimeSpan.Zero) await Task.Delay(wait, stop).ConfigureAwait(false);
                Tick();
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

    /// <summary>Reports the last, partial interval of every scenario that has not been flushed yet.</summary>
    public void Flush() => Tick();

    private void Tick()
    {
        var t = clock.Seconds;
        var rows = runners.Where(r => r.WantsReport).Select(r => r.TakeIntervalRow(t)).ToList();
        if (rows.Count == 0) return;
        _rows.AddRange(rows);
        observer.OnInterval(rows);
    }
}
