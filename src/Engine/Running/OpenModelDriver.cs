using LoadLeak.Engine.Api;
using LoadLeak.Engine.Schedules;
using LoadLeak.Engine.Stats;

namespace LoadLeak.Engine.Running;

/// <summary>
/// The open model: starts iterations at their intended times whether or not earlier ones finished.
/// At most <c>maxInFlight</c> run at once; beyond that the injector waits for a slot and the
/// iteration starts late (its corrected latency still counts from the intended time, as wrk2 does).
/// A backlog may still start up to <c>backlogGrace</c> after its phase ended; what cannot start by
/// then is counted as Dropped. An iteration belongs to the phase whose schedule intended it.
/// </summary>
internal sealed class OpenModelDriver(
    IterationRunner runner, ScenarioMetrics metrics, RunClock clock, string scenario, int maxInFlight, TimeSpan backlogGrace, CancellationToken stop)
{
    private readonly SemaphoreSlim _slots = new(maxInFlight, maxInFlight);
    private readonly ScenarioInfo _info = new(scenario, 0);

    public int InFlight => maxInFlight - _slots.CurrentCount;

    public async Task RunPhaseAsync(PhaseMeter meter)
    {
        var schedule = meter.Phase.Open!;
        long? end = schedule.Duration is not null ? meter.PlannedEnd : null;
        long? dropAfter = end + clock.Ticks(backlogGrace);
        using (var starts = schedule.StartOffsets().GetEnumerator())
        {
            while (starts.MoveNext())
            {
                var intended = meter.Start + clock.Ticks(starts.Current);
                await clock.WaitUntilAsync(intended, stop).ConfigureAwait(false);
                if (!await TakeSlotAsync(dropAfter).ConfigureAwait(false))
                {
                    metrics.Dropped(meter, 1 + CountRest(starts));
                    break;
                }
                Launch(meter, intended);
            }
        }
        if (end is { } e) await clock.WaitUntilAsync(e, stop).ConfigureAwait(false);
        if (meter.Budget is { } budget) await budget.WaitCompleteAsync(stop).ConfigureAwait(false);
    }

    /// <summary>Waits, at most <paramref name="grace"/>, for the iterations in flight.</summary>
    public async Task DrainAsync(TimeSpan grace)
    {
        var deadline = clock.Now() + clock.Ticks(grace);
        while (InFlight > 0 && clock.Now() < deadline) await clock.Delay(TimeSpan.FromMilliseconds(5), CancellationToken.None).ConfigureAwait(false);
    }

    private async ValueTask<bool> TakeSlotAsync(long? deadline)
    {
        if (deadline is { } d && clock.Now() >= d) return false;
        if (_slots.Wait(0)) return true;
        if (deadline is null)
        {
            await _slots.WaitAsync(stop).ConfigureAwait(false);
            return true;
        }
        // The deadline is on the run's clock, so the wait is cancelled by it rather than by a wall-clock timeout.
        using var timeout = new CancellationTokenSource(clock.Span(deadline.Value - clock.Now()), clock.Time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        try
        {
            await _slots.WaitAsync(either.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return false;
        }
    }

    private void Launch(PhaseMeter meter, long intended)
    {
        meter.Budget?.TryTake();
        meter.Enter();
        _ = Task.Run(async () =>
        {
            try
            {
                await runner.RunAsync(meter, intended, clock.Now(), _info, stop).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
                meter.Budget?.Done();
            }
        });
    }

    private static long CountRest(IEnumerator<double> starts)
    {
        long count = 0;
        while (starts.MoveNext()) count++;
        return count;
    }
}
