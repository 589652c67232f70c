using LoadLeak.Engine.Api;
using LoadLeak.Engine.Schedules;
using LoadLeak.Engine.Stats;

namespace LoadLeak.Engine.Running;

/// <summary>
/// The closed model: a pool of copies, each looping iteration after iteration. The pool follows the
/// schedule: it starts copies when the target rises, and a copy whose number is at or above the
/// target leaves after its current iteration when the target falls. The pool lives across phases,
/// so a KeepConstant after a ramp keeps the same copies.
/// A copy starts an iteration only inside the current phase's planned end (or budget); past it, it waits
/// for the next phase, so a late control tick delays the next phase's first iterations instead of
/// running the old phase's load into it.
/// </summary>
internal sealed class ClosedModelDriver(IterationRunner runner, RunClock clock, string scenario, CancellationToken stop)
{
    private static readonly TimeSpan ControlPeriod = TimeSpan.FromMilliseconds(10);
    // A steady segment only needs the control loop to replace copies that ended; each wake-up costs a
    // timer and a thread-pool hand-off (on a VM ~0.1 ms of CPU), so 100 a second showed up as the idle
    // runner's largest cost next to its JIT.
    private static readonly TimeSpan SteadyControlPeriod = TimeSpan.FromMilliseconds(250);
    private const int YieldEvery = 64;

    private readonly List<Task> _copies = [];
    private volatile int _desired;
    private volatile PhaseMeter? _meter;
    private int _live;

    public int LiveCopies => Volatile.Read(ref _live);

    public async Task RunPhaseAsync(PhaseMeter meter)
    {
        var schedule = meter.Phase.Closed!;
        // The copies waiting at the previous phase's end must see this phase's target when they wake.
        _desired = schedule.CopiesAt(0);
        var previous = _meter;
        _meter = meter;
        previous?.Switch();
        if (meter.Budget is { } budget)
        {
            Resize(schedule.TargetCopies);
            await budget.WaitCompleteAsync(stop).ConfigureAwait(false);
            return;
        }
        var period = schedule.IsSteady ? SteadyControlPeriod : ControlPeriod;
        while (clock.Now() is var now && now < meter.PlannedEnd)
        {
            Resize(schedule.CopiesAt(clock.ToSeconds(now - meter.Start)));
            var left = clock.Span(meter.PlannedEnd - now);
            await clock.Delay(left < period ? left : period, stop).ConfigureAwait(false);
        }
    }

    /// <summary>Asks every copy to leave and waits for them, at most <paramref name="grace"/>.</summary>
    public async Task DrainAsync(TimeSpan grace)
    {
        _desired = 0;
        _meter?.Switch();
        using var waited = new CancellationTokenSource();
        await Task.WhenAny(Task.WhenAll(_copies), clock.Delay(grace, waited.Token)).ConfigureAwait(false);
        await waited.CancelAsync().ConfigureAwait(false);
    }

    private void Resize(int target)
    {
        _desired = target;
        for (var id = 0; id < target; id++)
        {
            if (id == _copies.Count) _copies.Add(StartCopy(id));
            else if (_copies[id].IsCompleted) _copies[id] = StartCopy(id);
        }
    }

    private Task StartCopy(int id)
    {
        Interlocked.Increment(ref _live);
        return Task.Run(() => LoopAsync(id));
    }

    private async Task LoopAsync(int id)
    {
        var info = new ScenarioInfo(scenario, id);
        var synchronous = 0;
        try
        {
            while (!stop.IsCancellationRequested && id < _desired)
            {
                var meter = _meter!;
                if (!meter.TryEnter(clock, out var start))
                {
                    await meter.Switched.WaitAsync(stop).ConfigureAwait(false);
                    continue;
                }
                var iteration = runner.Start(meter, start, start, info, stop);
                if (iteration.IsCompleted && ++synchronous % YieldEvery == 0)
                {
                    // A scenario that never awaits would otherwise hold its pool thread for the whole phase
                    // and starve the controller and the reporter on a small machine.
                    await Task.Yield();
                }
                Response? response;
                try
                {
                    response = await iteration.ConfigureAwait(false) ?? IterationRunner.NoResponse();
                }
                catch (Exception e)
                {
                    response = IterationRunner.Outcome(e, stop);
                }
                runner.Finish(meter, response, start, start);
                meter.Budget?.Done();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The scenario was stopped while this copy waited for the next phase.
        }
        finally
        {
            Interlocked.Decrement(ref _live);
        }
    }
}
