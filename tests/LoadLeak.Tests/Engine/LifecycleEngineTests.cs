using System.Text.Json;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Simulations;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;
using LoadLeak.Tests.Engine.VirtualTime;
using static LoadLeak.Tests.Engine.EngineHarness;

namespace LoadLeak.Tests.Engine;

[Collection(EngineRuns.Collection)]
public class LifecycleEngineTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(0.6);

    [Fact]
    public async Task Exceptions_count_as_failures_with_their_message_and_thresholds_are_checked()
    {
        var scenario = Scenario.Create("flaky", ctx =>
            ctx.InvocationNumber % 4 == 0
                ? throw new InvalidOperationException("boom")
                : Task.FromResult(ctx.InvocationNumber % 4 == 1 ? Response.Ok("200") : Response.Fail("503", "unavailable")))
            .WithLoadSimulations(new IterationsForConstant(2, 400))
            .WithThresholds(
                Threshold.Create("FailRequest.Percent < 80", s => s.FailPercent < 80),
                Threshold.Create("OkRequest.Percent > 50", s => 100 - s.FailPercent > 50),
                Threshold.Create("throws", _ => throw new InvalidOperationException("bad check")));

        var result = await RunAsync(scenario);

        var stats = result.Scenarios[0];
        Assert.Equal(100, stats.Ok);
        Assert.Equal(300, stats.Fail);
        Assert.Equal(100, stats.StatusCodes["200"]);
        Assert.Equal(100, stats.StatusCodes["exception"]);
        Assert.Contains(new ErrorCount("exception", "boom", 100), stats.Errors);
        Assert.Contains(new ErrorCount("503", "unavailable", 200), stats.Errors);
        Assert.Equal([true, false, false], result.Thresholds.Select(t => t.Passed));
        Assert.Equal("bad check", result.Thresholds[2].Error);
        Assert.All(result.Thresholds, t => Assert.Equal("flaky", t.Scenario));
    }

    [Fact]
    public async Task Distinct_errors_are_capped()
    {
        var scenario = Scenario.Create("unique-errors", ctx => Task.FromResult(Response.Fail("500", $"error {ctx.InvocationNumber}")))
            .WithLoadSimulations(new IterationsForConstant(1, 200));
        var stats = (await RunAsync(scenario)).Scenarios[0];

        Assert.Equal(200, stats.Fail);
        Assert.Equal(ScenarioMetrics.MaxDistinctErrors + 1, stats.Errors.Count);
        Assert.Equal(200, stats.Errors.Sum(e => e.Count));
    }

    [Fact]
    public async Task MaxFailCount_stops_the_scenario()
    {
        var clock = new VirtualClock();
        var scenario = Scenario.Create("failing", async ctx =>
            {
                await clock.DelayMs(1, ctx.CancellationToken);
                return Response.Fail("500");
            })
            .WithMaxFailCount(20)
            .WithLoadSimulations(new KeepConstant(2, TimeSpan.FromSeconds(10)));

        var result = await RunVirtualAsync(clock, Settings(0.25, scenario));

        var stats = result.Scenarios[0];
        // Both copies fail together every millisecond; the one that reaches 20 stops the other's next iteration.
        Assert.InRange(stats.Fail, 20, 21);
        Assert.Equal("MaxFailCount 20 reached", stats.StopReason);
        Assert.Equal(0.01, result.Phases[0].End - result.Phases[0].Start, 6);
        Assert.False(result.Cancelled);
    }

    [Fact]
    public async Task Cancellation_returns_the_phases_so_far_promptly()
    {
        var clock = new VirtualClock();
        var observer = new RecordingObserver();
        var scenario = Scenario.Create("long", DelayMs(clock, 5))
            .WithLoadSimulations(
                new KeepConstant(3, Short), new KeepConstant(3, TimeSpan.FromSeconds(30)), new KeepConstant(3, TimeSpan.FromSeconds(30)));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1.2025), clock); // between two iterations' ends

        var result = await RunVirtualAsync(clock, Settings(0.25, scenario), observer, cts.Token);

        Assert.True(result.Cancelled);
        Assert.Equal(1.2025, clock.Seconds, 6); // iterations in flight are cancelled, not waited for
        Assert.Equal(["1 KeepConstant(3, 00:00:00.6000000)", "2 KeepConstant(3, 00:00:30)"], result.Phases.Select(p => p.Name));
        Assert.Equal(1.2025, result.Phases[1].End, 6);
        Assert.Equal(3 * 240, result.Scenarios[0].Ok); // 3 copies × 1.2 s / 5 ms; the ones cut short are not counted
        Assert.Equal(1.2025, result.Intervals[^1].T, 6);
        Assert.Equal(result.Scenarios[0].Ok, result.Intervals.Sum(r => r.Ok));
    }

    [Fact]
    public async Task Init_sees_custom_settings_and_clean_runs_after_the_load()
    {
        var events = new List<string>();
        var settings = JsonDocument.Parse("""{"target":"http://127.0.0.1:1"}""").RootElement.Clone();
        var scenario = Scenario.Create("lifecycle", _ =>
            {
                lock (events) events.Add("run");
                return Task.FromResult(Response.Ok());
            })
            .WithInit(ctx =>
            {
                events.Add("init " + ctx.CustomSettings.GetProperty("target").GetString() + " " + ctx.ScenarioInfo.ScenarioName);
                return Task.CompletedTask;
            })
            .WithClean(_ =>
            {
                lock (events) events.Add("clean");
                return Task.CompletedTask;
            })
            .WithLoadSimulations(new IterationsForConstant(1, 3)) with
        { CustomSettings = settings };

        await RunAsync(scenario);

        Assert.Equal(["init http://127.0.0.1:1 lifecycle", "run", "run", "run", "clean"], events);
    }

    [Fact]
    public async Task A_failing_init_stops_the_run_before_any_load_and_names_the_scenario()
    {
        var ran = false;
        var scenario = Scenario.Create("broken", _ =>
            {
                ran = true;
                return Task.FromResult(Response.Ok());
            })
            .WithInit(_ => throw new InvalidOperationException("no connection"));

        var error = await Assert.ThrowsAsync<ScenarioInitException>(() => RunAsync(scenario));
        Assert.Contains("'broken' init failed: no connection", error.Message);
        Assert.False(ran);
    }

    [Fact]
    public async Task Scenarios_run_concurrently_by_default_and_one_after_another_when_sequential()
    {
        var clock = new VirtualClock();
        ScenarioProps Make(string name) => Scenario.Create(name, DelayMs(clock, 5)).WithLoadSimulations(new KeepConstant(1, Short));

        var concurrent = await RunVirtualAsync(clock, Settings(0.25, Make("a"), Make("b")));
        Assert.Equal(concurrent.Phases[0].Start, concurrent.Phases[1].Start);

        clock = new VirtualClock();
        var sequential = await RunVirtualAsync(clock, Settings(0.25, Make("a"), Make("b")) with { Sequential = true });
        var a = sequential.Phases.Single(p => p.Scenario == "a");
        var b = sequential.Phases.Single(p => p.Scenario == "b");
        Assert.Equal(a.End, b.Start, 6);
        Assert.Equal(["a", "b"], sequential.Scenarios.Select(s => s.Name));
        Assert.DoesNotContain(sequential.Intervals, r => r.Scenario == "b" && r.T <= a.End);
        Assert.All(sequential.Scenarios, s => Assert.Equal(120, s.Ok));
    }

    [Fact]
    public async Task Invalid_settings_are_config_errors()
    {
        var scenario = Scenario.Create("s", _ => Task.FromResult(Response.Ok()));
        await Assert.ThrowsAsync<global::LoadLeak.Engine.ConfigException>(() => RunAsync(new EngineSettings([scenario, scenario], Second, false)));
        await Assert.ThrowsAsync<global::LoadLeak.Engine.ConfigException>(() => RunAsync(new EngineSettings([scenario], TimeSpan.Zero, false)));
        await Assert.ThrowsAsync<global::LoadLeak.Engine.ConfigException>(() =>
            RunAsync(new EngineSettings([scenario], Second, false) { MaxInFlight = 0 }));
    }

    [Fact]
    public async Task A_config_drives_the_engine_end_to_end()
    {
        const string json = """
        {
          "GlobalSettings": {
            "ScenariosSettings": [ {
              "ScenarioName": "from-config",
              "WarmUpDuration": "00:00:02",
              "LoadSimulationsSettings": [ { "Inject": [50, "00:00:01", "00:00:04"] } ],
              "ThresholdSettings": [ { "OkRequest": { "Count": "> 50" } }, { "FailRequest": { "Count": "> 0" } } ],
              "CustomSettings": { "Reply": "200" }
            } ],
            "ReportingInterval": "00:00:00.25"
          }
        }
        """;
        var config = global::LoadLeak.Engine.Config.NBomberConfig.Parse(json, "e2e.json");
        string? reply = null;
        var settings = config.ToEngineSettings(c => Scenario.Create(c.ScenarioName, _ => Task.FromResult(Response.Ok(reply!)))
            .WithInit(ctx =>
            {
                reply = ctx.CustomSettings.GetProperty("Reply").GetString();
                return Task.CompletedTask;
            }), durationScale: 0.25);

        var result = await RunVirtualAsync(new VirtualClock(), settings);

        Assert.Equal(["warm-up", "1 Inject(50, 00:00:01, 00:00:01)"], result.Phases.Select(p => p.Name));
        var stats = result.Scenarios[0];
        Assert.Equal(50, stats.Ok);
        Assert.Equal(stats.Ok, stats.StatusCodes["200"]);
        Assert.Equal(["OkRequest.Count > 50", "FailRequest.Count > 0"], result.Thresholds.Select(t => t.Description));
        Assert.All(result.Thresholds, t => Assert.False(t.Passed));
    }
}
