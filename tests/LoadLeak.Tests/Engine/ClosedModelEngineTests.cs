using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Simulations;
using LoadLeak.Results;
using static LoadLeak.Tests.Engine.EngineHarness;

namespace LoadLeak.Tests.Engine;

[Collection(EngineRuns.Collection)]
public class ClosedModelEngineTests
{
    [Fact]
    public async Task Copies_follow_a_ramp_then_hold()
    {
        var observer = new RecordingObserver();
        var scenario = Scenario.Create("ramp", DelayMs(20))
            .WithLoadSimulations(new RampingConstant(40, TimeSpan.FromSeconds(2)), new KeepConstant(40, TimeSpan.FromSeconds(1.5)));
        var result = await RunAsync(new EngineSettings([scenario], TimeSpan.FromMilliseconds(250), false), observer);

        var ramp = result.Phases[0];
        var rows = observer.Rows.Where(r => r.T <= ramp.End).ToList();
        Assert.True(rows.Count >= 3, $"expected interval rows during the ramp, got {rows.Count}");
        foreach (var row in rows)
        {
            var expected = 40 * (row.T - ramp.Start) / 2.0;
            Assert.InRange(row.Concurrency, expected - 8, expected + 8);
        }
        var hold = observer.Rows.Where(r => r.Phase == "2 KeepConstant(40, 00:00:01.5000000)" && r.T < result.Phases[1].End - 0.05).ToList();
        Assert.NotEmpty(hold);
        Assert.All(hold, r => Assert.Equal(40, r.Concurrency));
        Assert.Equal(40, result.Phases[0].Copies);
        Assert.False(result.Cancelled);
        var stats = Assert.Single(result.Scenarios);
        Assert.Equal(0, stats.Fail);
        Assert.Equal(stats.Ok * 10, stats.BytesReceived);
        Assert.Equal(stats.Latency, stats.LatencyUncorrected); // closed model: nothing to correct
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
    }

    [Fact]
    public async Task Phases_are_contiguous_on_the_run_clock_and_the_warm_up_is_excluded_from_totals()
    {
        var observer = new RecordingObserver();
        var clock = new RunClock();
        int startedInWarmUp = 0, startedAfterWarmUp = 0, startedMidPause = 0;
        var scenario = Scenario.Create("phases", async ctx =>
            {
                if (clock.Seconds >= 0.5) Interlocked.Increment(ref startedAfterWarmUp);
                else Interlocked.Increment(ref startedInWarmUp);
                if (clock.Seconds is > 1.15 and < 1.4) Interlocked.Increment(ref startedMidPause);
                await Task.Delay(10, ctx.CancellationToken);
                return Response.Ok();
            })
            .WithWarmUpDuration(TimeSpan.FromSeconds(0.5))
            .WithLoadSimulations(new KeepConstant(2, TimeSpan.FromSeconds(0.5)), new Pause(TimeSpan.FromSeconds(0.5)),
                new KeepConstant(2, TimeSpan.FromSeconds(0.5)));
        var result = await RunAsync(new EngineSettings([scenario], TimeSpan.FromMilliseconds(200), false), observer, clock);

        Assert.Equal(["warm-up", "1 KeepConstant(2, 00:00:00.5000000)", "2 Pause(00:00:00.5000000)", "3 KeepConstant(2, 00:00:00.5000000)"],
            result.Phases.Select(p => p.Name));
        Assert.Equal([PhaseKind.WarmUp, PhaseKind.Load, PhaseKind.Pause, PhaseKind.Load], result.Phases.Select(p => p.Kind));
        Assert.Equal(4, observer.Started.Count);
        for (var i = 1; i < result.Phases.Count; i++) Assert.Equal(result.Phases[i - 1].End, result.Phases[i].Start, 6);
        Assert.All(result.Phases, p => Assert.Equal(0.5, p.End - p.Start, 2));

        var stats = result.Scenarios[0];
        Assert.True(startedInWarmUp > 4, $"the warm-up ran {startedInWarmUp} iterations");
        Assert.True(stats.Ok > 0);
        Assert.Equal(startedInWarmUp + startedAfterWarmUp, observer.Rows.Sum(r => r.Ok));
        // An iteration belongs to the phase it started in; the switch may lag the clock by one control tick.
        Assert.InRange(stats.Ok, startedAfterWarmUp - 4, startedAfterWarmUp + 4);
        Assert.InRange(stats.DurationSeconds, 1.45, 1.8);
        Assert.Equal(0, startedMidPause);
    }

    [Fact]
    public async Task Copies_that_never_await_do_not_starve_the_engine()
    {
        var observer = new RecordingObserver();
        var clock = new RunClock();
        var scenario = Scenario.Create("synchronous", _ => Task.FromResult(Response.Ok()))
            .WithLoadSimulations(new KeepConstant(8, TimeSpan.FromSeconds(1)));

        var result = await RunAsync(new EngineSettings([scenario], TimeSpan.FromMilliseconds(100), false), observer, clock);

        Assert.True(clock.Seconds < 4, $"took {clock.Seconds:F1} s");
        Assert.True(observer.Rows.Count >= 5, $"the reporter ticked {observer.Rows.Count} times");
        Assert.True(result.Scenarios[0].Ok > 1000);
    }
}
