using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Simulations;
using LoadLeak.Results;
using LoadLeak.Tests.Engine.VirtualTime;
using static LoadLeak.Tests.Engine.EngineHarness;

namespace LoadLeak.Tests.Engine;

[Collection(EngineRuns.Collection)]
public class ClosedModelEngineTests
{
    [Fact]
    public async Task Copies_follow_a_ramp_then_hold()
    {
        var clock = new VirtualClock();
        var observer = new RecordingObserver();
        var scenario = Scenario.Create("ramp", DelayMs(clock, 20))
            .WithLoadSimulations(new RampingConstant(40, TimeSpan.FromSeconds(2)), new KeepConstant(40, TimeSpan.FromSeconds(1.5)));
        var result = await RunVirtualAsync(clock, Settings(0.25, scenario), observer);

        var ramp = result.Phases[0];
        Assert.Equal((0.0, 2.0), (ramp.Start, ramp.End));
        var rows = observer.Rows.Where(r => r.T <= ramp.End).ToList();
        Assert.Equal([0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2], rows.Select(r => r.T));
        // The controller resizes every 10 ms control tick, so at a row's time the pool is at most one copy behind the ramp.
        Assert.All(rows, row => Assert.InRange(row.Concurrency, 40 * row.T / 2 - 1, 40 * row.T / 2 + 1));
        var hold = observer.Rows.Where(r => r.Phase == "2 KeepConstant(40, 00:00:01.5000000)").ToList();
        Assert.Equal([2.25, 2.5, 2.75, 3, 3.25, 3.5], hold.Select(r => r.T));
        Assert.All(hold, r => Assert.Equal(40, r.Concurrency));
        Assert.Equal(40, ramp.Copies);
        Assert.False(result.Cancelled);
        var stats = Assert.Single(result.Scenarios);
        Assert.Equal(0, stats.Fail);
        Assert.Equal(stats.Ok * 10, stats.BytesReceived);
        Assert.Equal(stats.Latency, stats.LatencyUncorrected); // closed model: nothing to correct
        Assert.Equal(20, stats.Latency.Max, 1);
    }

    [Fact]
    public async Task IterationsForConstant_runs_exactly_its_iterations()
    {
        var calls = 0;
        var scenario = Scenario.Create("iterations", async _ =>
        {
            Interlocked.Increment(ref calls);
            await Task.Yield();
            return Response.Ok();
        }).WithLoadSimulations(new IterationsForConstant(7, 333));

        var result = await RunAsync(scenario);

        Assert.Equal(333, calls);
        Assert.Equal(333, result.Scenarios[0].Ok);
        var phase = Assert.Single(result.Phases);
        Assert.Equal("1 IterationsForConstant(7, 333)", phase.Name);
        Assert.Equal(7, phase.Copies);
        Assert.Equal(333, result.Intervals.Sum(r => r.Ok));
    }

    [Fact]
    public async Task Phases_are_contiguous_on_the_run_clock_and_the_warm_up_is_excluded_from_totals()
    {
        var clock = new VirtualClock();
        var observer = new RecordingObserver();
        int startedInWarmUp = 0, startedAfterWarmUp = 0, startedInPause = 0;
        var scenario = Scenario.Create("phases", async ctx =>
            {
                var now = clock.Seconds;
                Interlocked.Increment(ref (now < 0.5 ? ref startedInWarmUp : ref startedAfterWarmUp));
                if (now is >= 1.0 and < 1.5) Interlocked.Increment(ref startedInPause);
                await clock.DelayMs(10, ctx.CancellationToken);
                return Response.Ok();
            })
            .WithWarmUpDuration(TimeSpan.FromSeconds(0.5))
            .WithLoadSimulations(
                new KeepConstant(2, TimeSpan.FromSeconds(0.5)), new Pause(TimeSpan.FromSeconds(0.5)), new KeepConstant(2, TimeSpan.FromSeconds(0.5)));
        var result = await RunVirtualAsync(clock, Settings(0.2, scenario), observer);

        Assert.Equal(
            ["warm-up", "1 KeepConstant(2, 00:00:00.5000000)", "2 Pause(00:00:00.5000000)", "3 KeepConstant(2, 00:00:00.5000000)"],
            result.Phases.Select(p => p.Name));
        Assert.Equal([PhaseKind.WarmUp, PhaseKind.Load, PhaseKind.Pause, PhaseKind.Load], result.Phases.Select(p => p.Kind));
        Assert.Equal(4, observer.Started.Count);
        Assert.Equal([0, 0.5, 1, 1.5, 2], result.Phases.Select(p => p.Start).Append(result.Phases[^1].End));

        // Two copies of 10 ms iterations: 50 each per half second, none in the pause.
        Assert.Equal((100, 200, 0), (startedInWarmUp, startedAfterWarmUp, startedInPause));
        var stats = result.Scenarios[0];
        Assert.Equal(200, stats.Ok);
        Assert.Equal(1.5, stats.DurationSeconds);
        Assert.Equal(300, observer.Rows.Sum(r => r.Ok));
        Assert.Equal(100, observer.Rows.Where(r => r.Phase == "warm-up").Sum(r => r.Ok));
        Assert.Equal(0, observer.Rows.Where(r => r.Phase.Contains("Pause")).Sum(r => r.Ok));
    }

    [Fact]
    public async Task Copies_that_never_await_do_not_starve_the_engine()
    {
        // Each iteration stands for 20 µs of synchronous work (virtual time it spends itself). The timers it passes
        // fire on the thread pool, where 8 such copies would hold every worker unless they yield now and then.
        var clock = new VirtualClock();
        var observer = new RecordingObserver();
        var scenario = Scenario.Create("synchronous", _ =>
            {
                clock.Spend(TimeSpan.FromMicroseconds(20));
                return Task.FromResult(Response.Ok());
            })
            .WithLoadSimulations(new KeepConstant(8, TimeSpan.FromSeconds(5)));

        var result = await RunVirtualAsync(clock, Settings(0.1, scenario), observer);

        // Copies stop at the phase's end by themselves: at most the 7 others that had just started when the clock passed it.
        Assert.InRange(result.Scenarios[0].Ok, 250_000, 250_007);
        Assert.Equal(result.Scenarios[0].Ok, observer.Rows.Sum(r => r.Ok));
        // Copies spend the time here, concurrently, so when a tick lands depends on the machine; that one lands long
        // before the end does not: a starved reporter would wait for the thread pool to grow a thread per copy.
        Assert.True(observer.Rows.First().T < 2.5, $"the first row came at {observer.Rows.First().T:F3} s");
    }
}
