using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Simulations;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;
using LoadLeak.Tests.Engine.VirtualTime;
using static LoadLeak.Tests.Engine.EngineHarness;

namespace LoadLeak.Tests.Engine;

/// <summary>Issue 19 item 2: NBomber's Step.Run, with per-step statistics.</summary>
[Collection(EngineRuns.Collection)]
public class StepTests
{
    [Fact]
    public async Task Each_step_gets_its_own_counts_and_latency_and_the_warm_up_is_not_recorded()
    {
        var clock = new VirtualClock();
        var scenario = Scenario.Create("shop", async ctx =>
            {
                await Step.Run("login", ctx, async () =>
                {
                    await clock.DelayMs(10, ctx.CancellationToken);
                    return Response.Ok(sizeBytes: 100);
                });
                await Step.Run("home", ctx, async () =>
                {
                    await clock.DelayMs(20, ctx.CancellationToken);
                    return Response.Ok();
                });
                return Response.Ok();
            })
            .WithWarmUpDuration(TimeSpan.FromSeconds(0.3))
            .WithLoadSimulations(new KeepConstant(2, TimeSpan.FromSeconds(0.6)));

        var result = await RunVirtualAsync(clock, Settings(0.25, scenario));

        var stats = result.Scenarios[0];
        Assert.Equal(40, stats.Ok); // 2 copies × 0.6 s / 30 ms
        Assert.Equal(["login", "home"], stats.Steps!.Select(s => s.Name));
        Assert.All(stats.Steps!, s => Assert.Equal((40L, 0L), (s.Ok, s.Fail)));
        Assert.InRange(stats.Steps![0].Latency.P50, 9.99, 10.01);
        Assert.InRange(stats.Steps![0].Latency.Max, 9.99, 10.01);
        Assert.InRange(stats.Steps![1].Latency.P99, 19.98, 20.02);
        Assert.InRange(stats.Latency.P50, 29.97, 30.03);
    }

    [Fact]
    public async Task A_failed_step_fails_the_iteration_and_skips_the_steps_after_it()
    {
        var thirdRan = 0;
        var scenario = Scenario.Create("flow", async ctx =>
            {
                await Step.Run("first", ctx, () => Task.FromResult(Response.Ok()));
                await Step.Run("second", ctx, () => Task.FromResult(
                    ctx.InvocationNumber % 4 == 0 ? Response.Fail("503", "unavailable") : Response.Ok()));
                await Step.Run("third", ctx, () =>
                {
                    if (ctx.InvocationNumber % 4 == 1) throw new InvalidOperationException("boom");
                    Interlocked.Increment(ref thirdRan);
                    return Task.FromResult(Response.Ok());
                });
                return Response.Ok();
            })
            .WithLoadSimulations(new IterationsForConstant(2, 400));

        var stats = (await RunAsync(scenario)).Scenarios[0];

        Assert.Equal(["first", "second", "third"], stats.Steps!.Select(s => s.Name));
        Assert.Equal((400L, 0L), (stats.Steps![0].Ok, stats.Steps[0].Fail));
        Assert.Equal((300L, 100L), (stats.Steps![1].Ok, stats.Steps[1].Fail));
        Assert.Equal((200L, 100L), (stats.Steps![2].Ok, stats.Steps[2].Fail));
        Assert.Equal(200, thirdRan);
        Assert.Equal((200L, 200L), (stats.Ok, stats.Fail));
        Assert.Contains(new ErrorCount("503", "step 'second': unavailable", 100), stats.Errors);
        Assert.Contains(new ErrorCount(IterationRunnerStatus, "step 'third': boom", 100), stats.Errors);
    }

    [Fact]
    public async Task Without_RestartIterationOnFail_a_failed_step_returns_and_the_scenario_decides()
    {
        var afterFailure = 0;
        var scenario = Scenario.Create("lenient", async ctx =>
            {
                var first = await Step.Run("flaky", ctx, () => Task.FromResult(
                    ctx.InvocationNumber % 2 == 0 ? Response.Fail("500") : Response.Ok()));
                if (!first.IsOk) Interlocked.Increment(ref afterFailure);
                await Step.Run("fallback", ctx, async () =>
                {
                    await Task.Yield();
                    return Response.Ok();
                });
                return Response.Ok();
            })
            .WithRestartIterationOnFail(false)
            .WithLoadSimulations(new IterationsForConstant(1, 100));

        var stats = (await RunAsync(scenario)).Scenarios[0];

        Assert.Equal(50, afterFailure);
        Assert.Equal((100L, 0L), (stats.Ok, stats.Fail));
        Assert.Equal((50L, 50L), (stats.Steps![0].Ok, stats.Steps[0].Fail));
        Assert.Equal((100L, 0L), (stats.Steps![1].Ok, stats.Steps[1].Fail));
    }

    [Fact]
    public async Task A_scenario_without_steps_has_no_step_statistics_so_its_run_json_keeps_its_shape()
    {
        var scenario = Scenario.Create("plain", _ => Task.FromResult(Response.Ok()))
            .WithLoadSimulations(new IterationsForConstant(1, 10));

        var stats = (await RunAsync(scenario)).Scenarios[0];

        Assert.Equal(10, stats.Ok);
        Assert.Null(stats.Steps);
    }

    [Fact]
    public async Task Step_names_beyond_the_limit_share_one_entry_and_a_step_outside_the_engine_still_runs()
    {
        var scenario = Scenario.Create("many", async ctx =>
            {
                await Step.Run($"step {ctx.InvocationNumber}", ctx, () => Task.FromResult(Response.Ok()));
                return Response.Ok();
            })
            .WithLoadSimulations(new IterationsForConstant(1, StepTable.MaxDistinctSteps + 50));

        var stats = (await RunAsync(scenario)).Scenarios[0];

        Assert.Equal(StepTable.MaxDistinctSteps + 1, stats.Steps!.Count);
        Assert.Equal(50, stats.Steps!.Single(s => s.Name == StepTable.OtherName).Ok);

        var outside = await Step.Run("alone", new FakeContext(), () => Task.FromResult(Response.Ok("200")));
        Assert.Equal("200", outside.StatusCode);
        await Assert.ThrowsAsync<StepFailedException>(() => Step.Run("alone", new FakeContext(), () => Task.FromResult(Response.Fail())));
    }

    private const string IterationRunnerStatus = IterationRunner.ExceptionStatus;

    private sealed class FakeContext : IScenarioContext
    {
        public long InvocationNumber => 1;
        public ScenarioInfo ScenarioInfo { get; } = new("fake", 0);
        public IEngineLog Logger => NullEngineLog.Instance;
        public CancellationToken CancellationToken => CancellationToken.None;
    }
}
