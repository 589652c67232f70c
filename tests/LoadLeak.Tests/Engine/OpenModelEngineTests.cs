using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Simulations;
using LoadLeak.Tests.Engine.VirtualTime;
using static LoadLeak.Tests.Engine.EngineHarness;

namespace LoadLeak.Tests.Engine;

[Collection(EngineRuns.Collection)]
public class OpenModelEngineTests
{
    [Fact]
    public async Task Inject_100_per_second_for_2_seconds_runs_200_iterations_on_time()
    {
        var clock = new VirtualClock();
        var observer = new RecordingObserver();
        var scenario = Scenario.Create("inject", DelayMs(clock, 2)).WithLoadSimulations(new Inject(100, Second, TimeSpan.FromSeconds(2)));
        var result = await RunVirtualAsync(clock, Settings(0.5, scenario), observer);

        var stats = Assert.Single(result.Scenarios);
        Assert.Equal((200, 0, 0), (stats.Ok, stats.Dropped, stats.Late));
        Assert.Equal(100, stats.Rps, 9);
        Assert.Equal(2, stats.Latency.Max, 1);
        Assert.Equal(100, result.Phases[0].Rate);
        Assert.Equal([0.5, 1, 1.5, 2], observer.Rows.Select(r => r.T));
        Assert.All(observer.Rows, r => Assert.Equal(100, r.TargetRate, 6));
        Assert.Equal([50, 50, 50, 50], observer.Rows.Select(r => r.Ok));
    }

    [Fact]
    public async Task IterationsForInject_runs_exactly_its_iterations()
    {
        var calls = 0;
        var clock = new VirtualClock();
        var scenario = Scenario.Create("iterations", _ =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(Response.Ok());
        }).WithLoadSimulations(new IterationsForInject(200, Second, 150));

        var result = await RunVirtualAsync(clock, Settings(0.25, scenario));

        Assert.Equal(150, calls);
        Assert.Equal(150, result.Scenarios[0].Ok);
        var phase = Assert.Single(result.Phases);
        Assert.Equal("1 IterationsForInject(200, 00:00:01, 150)", phase.Name);
        // The 150th start is intended at 149 / 200 s, and the iterations take no time.
        Assert.Equal(0.745, phase.End - phase.Start, 6);
        Assert.Equal(150, result.Intervals.Sum(r => r.Ok));
    }

    [Fact]
    public async Task RampingInject_ramps_the_injected_rate()
    {
        var clock = new VirtualClock();
        var observer = new RecordingObserver();
        var scenario = Scenario.Create("ramp", DelayMs(clock, 1))
            .WithLoadSimulations(new RampingInject(200, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2)));
        var result = await RunVirtualAsync(clock, Settings(0.5, scenario), observer);

        // Per 0.5 s interval: 50, 100, 150, 200 → 500 in total; per second 100, 200, 300, 400.
        Assert.Equal(500, result.Scenarios[0].Ok);
        Assert.Equal([50, 100, 150, 200], observer.Rows.Select(r => r.Ok));
        Assert.Equal([100, 200, 300, 400], observer.Rows.Select(r => r.TargetRate));
    }

    [Fact]
    public async Task Iterations_that_cannot_start_within_the_backlog_grace_after_the_phase_are_dropped()
    {
        var clock = new VirtualClock();
        var gate = new TaskCompletionSource();
        clock.At(1.5, gate.SetResult);
        var scenario = Scenario.Create("blocked", async ctx =>
        {
            await gate.Task.WaitAsync(ctx.CancellationToken);
            return Response.Ok();
        }).WithLoadSimulations(new Inject(50, Second, TimeSpan.FromSeconds(1)));
        var settings = Settings(0.25, scenario) with { MaxInFlight = 5, BacklogGrace = TimeSpan.FromSeconds(0.2) };

        var stats = (await RunVirtualAsync(clock, settings)).Scenarios[0];

        Assert.Equal(5, stats.Ok);
        Assert.Equal(45, stats.Dropped);
    }

    [Fact]
    public async Task A_backlog_that_clears_within_the_grace_starts_late_instead_of_being_dropped()
    {
        var clock = new VirtualClock();
        var gate = new TaskCompletionSource();
        clock.At(1.1, gate.SetResult);
        var scenario = Scenario.Create("briefly-blocked", async ctx =>
        {
            await gate.Task.WaitAsync(ctx.CancellationToken);
            return Response.Ok();
        }).WithLoadSimulations(new Inject(50, Second, TimeSpan.FromSeconds(1)));
        var settings = Settings(0.25, scenario) with { MaxInFlight = 5, BacklogGrace = TimeSpan.FromSeconds(5) };

        var stats = (await RunVirtualAsync(clock, settings)).Scenarios[0];

        Assert.Equal(50, stats.Ok);
        Assert.Equal(0, stats.Dropped);
        // The first five start on time and hold every slot until 1.1 s; the other 45 start then, all late.
        Assert.Equal(45, stats.Late);
        Assert.InRange(stats.Latency.Max, 1099, 1101.5); // corrected: the first one waited 1.1 s from its intended start
    }
}
