namespace LoadLeak.Tests.Engine.VirtualTime;

[Collection(EngineRuns.Collection)]
public class VirtualClockTests
{
    [Fact]
    public async Task Delays_complete_at_their_virtual_time_however_long_the_real_work_takes()
    {
        var clock = new VirtualClock();
        var seen = await VirtualRun.RunAsync(clock, async () =>
        {
            var times = new List<double>();
            var parallel = Task.Run(async () =>
            {
                await clock.DelayMs(250);
                var busy = System.Diagnostics.Stopwatch.StartNew();
                while (busy.ElapsedMilliseconds < 50) Thread.SpinWait(100); // real work while virtual time must stand still
                return clock.Seconds;
            });
            for (var i = 0; i < 3; i++)
            {
                await clock.DelayMs(100).ConfigureAwait(false);
                times.Add(clock.Seconds);
            }
            times.Add(await parallel);
            return times;
        });
        Assert.Equal([0.1, 0.2, 0.3, 0.25], seen.Select(t => Math.Round(t, 9)));
    }

    [Fact]
    public async Task Spent_time_fires_the_timers_it_passes()
    {
        var clock = new VirtualClock();
        var fired = await VirtualRun.RunAsync(clock, async () =>
        {
            var at = new TaskCompletionSource<double>();
            clock.At(0.5, () => at.SetResult(clock.Seconds));
            for (var i = 0; i < 10; i++) clock.Spend(TimeSpan.FromMilliseconds(100));
            return await at.Task;
        });
        Assert.InRange(fired, 0.5, 1.0);
    }

    [Fact]
    public async Task A_wait_on_something_else_than_the_clock_is_reported_not_hung()
    {
        var clock = new VirtualClock();
        var never = new TaskCompletionSource<int>();
        var run = VirtualRun.RunAsync(clock, () => never.Task);
        Assert.NotSame(run, await Task.WhenAny(run, Task.Delay(200)));
        never.SetResult(1);
        Assert.Equal(1, await run);
    }
}
