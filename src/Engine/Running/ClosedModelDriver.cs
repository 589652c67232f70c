using System.Diagnostics;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Schedules;

namespace LoadLeak.Engine.Running;

/// <summary>
/// The closed model: a pool of copies, each looping iteration after iteration. The pool follows the
/// schedule: it starts copies when the target rises, and a copy whose number is at or above the
/// target leaves after its current iteration when the target falls. The pool lives across phases,
/// so a KeepConstant after a ramp keeps the same copies.
/// </summary>
/// <param name="measuredFrom">Stopwatch timestamp where the warm-up ends: iterations starting earlier are not in totals.
/// Judged per iteration, not per phase switch, so a late control tick cannot misfile iterations.</param>
internal sealed class ClosedModelDriver(IterationRunner runner, string scenario, long measuredFrom, CancellationToken stop)
{
    private static readonly TimeSpan ControlPeriod = TimeSpan.FromMilliseconds(10);
    // A steady segment only needs the control loop to replace copies that ended; each wake-up costs a
    // timer and a thread-pool hand-off (on a VM ~0.1 ms of CPU), so 100 a second showed up as the idle
    // runner's largest cost next to its JIT.
    private static readonly TimeSpan SteadyControlPeriod = TimeSpan.FromMilliseconds(250);
    private const int YieldEvery = 64;

    private readonly List<Task> _copies = [];
    private volatile int _desired;
    private volatile IterationBudget? _budget;
    private int _live;

    public int LiveCopies => Volatile.Read(ref _live);

    public async Task RunPhaseAsync(PlannedPhase phase, long startTimestamp)
    {
        var schedule = phase.Closed!;
        if (schedule.Iterations is { } iterations)
        {
            var budget = new IterationBudget(iterations);
            _budget = budget;
            Resize(schedule.TargetCopies);
            await budget.WaitCompleteAsync(stop).ConfigureAwait(false);
            return;
        }
        _budget = null;
        var end = startTimestamp + Clock.Ticks(schedule.Duration!.Value);
        var period = schedule.IsSteady ? SteadyControlPeriod : ControlPeriod;
        while (Stopwatch.GetTimestamp() is var now && now < end)
        {
            Resize(schedule.CopiesAt(Clock.Seconds(now - startTimestamp)));
            var left = Clock.Span(end - now);
            await Task.Delay(left < period ? left : period, stop).ConfigureAwait(false);
        }
    }

    /// <summary>Asks every copy to leave and waits for them, at most <paramref name="grace"/>.</summary>
    public async Task DrainAsync(TimeSpan grace)
    {
        _desired = 0;
        var all = Task.WhenAll(_copies);
        await Task.WhenAny(all, Task.Delay(grace)).ConfigureAwait(false);
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
                var budget = _budget;
                if (budget is not null && !budget.TryTake()) break;
                var iteration = runner.RunAsync(null, Stopwatch.GetTimestamp() >= measuredFrom, info, stop);
                if (iteration.IsCompleted && ++synchronous % YieldEvery == 0)
                {
                    // A scenario that never awaits would otherwise hold its pool thread for the whole phase
                    // and starve the controller and the reporter on a small machine.
                    await Task.Yield();
                }
                await iteration.ConfigureAwait(false);
                budget?.Done();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _live);
        }
    }
}
