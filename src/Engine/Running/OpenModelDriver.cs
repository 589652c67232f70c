using System.Diagnostics;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Schedules;
using LoadLeak.Engine.Stats;

namespace LoadLeak.Engine.Running;

/// <summary>
/// The open model: starts iterations at their intended times whether or not earlier ones finished.
/// At most <c>maxInFlight</c> run at once; beyond that the injector waits for a slot and the
/// iteration starts late (its corrected latency still counts from the intended time, as wrk2 does).
/// A backlog may still start up to <c>backlogGrace</c> after its phase ended; what cannot start by
/// then is counted as Dropped.
/// </summary>
internal sealed class OpenModelDriver(IterationRunner runner, ScenarioMetrics metrics, string scenario, int maxInFlight, TimeSpan backlogGrace, CancellationToken stop)
{
    private readonly SemaphoreSlim _slots = new(maxInFlight, maxInFlight);
    private readonly ScenarioInfo _info = new(scenario, 0);

    public int InFlight => maxInFlight - _slots.CurrentCount;

    public async Task RunPhaseAsync(PlannedPhase phase, long startTimestamp)
    {
        var schedule = phase.Open!;
        long? end = schedule.Duration is { } during ? startTimestamp + Clock.Ticks(during) : null;
        long? dropAfter = end + Clock.Ticks(backlogGrace);
        var budget = schedule.Iterations is { } iterations ? new IterationBudget(iterations) : null;
        using (var starts = schedule.StartOffsets().GetEnumerator())
        {
            while (starts.MoveNext())
            {
                var intended = startTimestamp + Clock.Ticks(starts.Current);
                await Clock.WaitUntilAsync(intended, stop).ConfigureAwait(false);
                if (!await TakeSlotAsync(dropAfter).ConfigureAwait(false))
                {
                    metrics.Dropped(1 + CountRest(starts), phase.Measured);
                    break;
                }
                Launch(intended, phase.Measured, budget);
            }
        }
        if (end is { } e) await Clock.WaitUntilAsync(e, stop).ConfigureAwait(false);
        if (budget is not null) await budget.WaitCompleteAsync(stop).ConfigureAwait(false);
    }

    /// <summary>Waits, at most <paramref name="grace"/>, for the iterations in flight.</summary>
    public async Task DrainAsync(TimeSpan grace)
    {
        var deadline = Stopwatch.GetTimestamp() + Clock.Ticks(grace);
        while (InFlight > 0 && Stopwatch.GetTimestamp() < deadline) await Task.Delay(5).ConfigureAwait(false);
    }

    private async ValueTask<bool> TakeSlotAsync(long? deadline)
    {
        if (deadline is { } d && Stopwatch.GetTimestamp() >= d) return false;
        if (_slots.Wait(0)) return true;
        if (deadline is null)
        {
            await _slots.WaitAsync(stop).ConfigureAwait(false);
            return true;
        }
        return await _slots.WaitAsync(Clock.Span(deadline.Value - Stopwatch.GetTimestamp()), stop).ConfigureAwait(false);
    }

    private void Launch(long intended, bool measured, IterationBudget? budget)
    {
        budget?.TryTake();
        _ = Task.Run(async () =>
        {
            try
            {
                await runner.RunAsync(intended, measured, _info, stop).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
                budget?.Done();
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
