using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Simulations;
using static LoadLeak.Tests.Engine.EngineHarness;

namespace LoadLeak.Tests.Engine;

[Collection(EngineRuns.Collection)]
public class OpenModelEngineTests
{
    [Fact]
    public async Task Inject_100_per_second_for_2_seconds_runs_about_200_iterations_on_time()
    {
        var observer = new RecordingObserver();
        var scenario = Scenario.Create("inject", DelayMs(2)).WithLoadSimulations(new Inject(100, Second, TimeSpan.FromSeconds(2)));
        var result = await RunAsync(new EngineSettings([scenario], TimeSpan.FromMilliseconds(500), false), observer);

        var stats = Assert.Single(result.Scenarios);
        Assert.InRange(stats.Ok, 198, 200);
        Assert.Equal(0, stats.Dropped);
        Assert.InRange(stats.Rps, 85, 110);
        Assert.Equal(100, result.Phases[0].Rate);
        Assert.All(observer.Rows.Where(r => r.T < result.Phases[0].End - 0.01), r => Assert.Equal(100, r.TargetRate, 6));
        Assert.Equal(stats.Ok, observer.Rows.Sum(r => r.Ok));
    }

    [Fact]
    public async Task IterationsForInject_runs_exactly_its_iterations()
    {
        var calls = 0;
        var scenario = Scenario.Create("iterations", _ =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(Response.Ok());
        }).WithLoadSimulations(new IterationsForInject(200, Second, 150));

        var result = await RunAsync(scenario);

        Assert.Equal(150, calls);
        Assert.Equal(150, result.Scenarios[0].Ok);
        var phase = Assert.Single(result.Phases);
        Assert.Equal("1 IterationsForInject(200, 00:00:01, 150)", phase.Name);
        Assert.InRange(phase.End - phase.Start, 0.7, 1.5);
    }

    [Fact]
    public async Task RampingInject_ramps_the_injected_rate()
    {
        var observer = new RecordingObserver();
        var scenario = Scenario.Create("ramp", DelayMs(1)).WithLoadSimulations(new RampingInject(200, TimeSpan.FromSeconds(0.5),
            TimeSpan.FromSeconds(2)));
        var result = await RunAsync(new EngineSettings([scenario], TimeSpan.FromMilliseconds(500), false), observer);

        // Per 0.5 s interval: 50, 100, 150, 200 → 500 in total; per second 100, 200, 300, 400.
        var stats = result.Scenarios[0];
        Assert.True(stats.Ok >= 490, $"ok {stats.Ok}, dropped {stats.Dropped}, late {stats.Late}");
        var rows = observer.Rows.Where(r => r.T < result.Phases[0].End - 0.05).ToList();
        Assert.True(rows.Count >= 3);
        Assert.True(rows[^1].Ok > rows[0].Ok * 2, $"rate should ramp: first {rows[0].Ok}, last {rows[^1].Ok}");
    }

    [Fact]
    public async Task Iterations_that_cannot_start_within_the_backlog_grace_after_the_phase_are_dropped()
    {
        var gate = new TaskCompletionSource();
        var scenario = Scenario.Create("blocked", async ctx =>
        {
            await gate.Task.WaitAsync(ctx.CancellationToken);
            return Response.Ok();
        }).WithLoadSimulations(new Inject(50, Second, TimeSpan.FromSeconds(1)));
        var settings = new EngineSettings([scenario], TimeSpan.FromMilliseconds(250), false)
        {
            MaxInFlight = 5,
            BacklogGrace = TimeSpan.FromSeconds(0.2)
        };

        var run = RunAsync(settings);
        await Task.Delay(1500);
        gate.SetResult();
        var stats = (await run).Scenarios[0];

        Assert.Equal(5, stats.Ok);
        Assert.Equal(45, stats.Dropped);
    }

    [Fact]
    public async Task A_backlog_that_clears_within_the_grace_starts_late_instead_of_being_dropped()
    {
        var gate = new TaskCompletionSource();
        var scenario = Scenario.Create("briefly-blocked", async ctx =>
        {
            await gate.Task.WaitAsync(ctx.CancellationToken);
            return Response.Ok();
        }).WithLoadSimulations(new Inject(50, Second, TimeSpan.FromSeconds(1)));
        var settings = new EngineSettings([scenario], TimeSpan.FromMilliseconds(250), false)
        {
            MaxInFlight = 5,
            BacklogGrace = TimeSpan.FromSeconds(5)
        };

        var run = RunAsync(settings);
        await Task.Delay(1100);
        gate.SetResult();
        var stats = (await run).Scenarios[0];

        Assert.Equal(50, stats.Ok);
        Assert.Equal(0, stats.Dropped);
        Assert.True(stats.Late >= 40, $"late {stats.Late}");
        Assert.True(stats.Latency.Max >= 1000, $"corrected max {stats.Latency.Max} ms counts from the intended start");
    }
}
