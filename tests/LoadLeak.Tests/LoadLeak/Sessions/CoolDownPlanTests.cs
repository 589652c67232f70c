using LoadLeak.Commands;
using LoadLeak.Correlator.Analysis;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Simulations;
using LoadLeak.Sessions;
using LoadLeak.Targets;
using LoadLeak.Tests.Shared;

namespace LoadLeak.Tests.LoadLeak.Sessions;

public class CoolDownPlanTests
{
    private static readonly TimeSpan Half = TimeSpan.FromSeconds(30);

    private static EngineSettings Settings(bool sequential, params LoadSimulation[][] scenarios) => new(
        scenarios.Select((sims, i) => new ScenarioProps($"s{i}", _ => Task.FromResult<Response>(null!))
            .WithWarmUpDuration(TimeSpan.FromSeconds(10)).WithLoadSimulations(sims)).ToList(),
        TimeSpan.FromSeconds(1), sequential);

    private static LoadSimulation[] Copies(params LoadSimulation[] tail) =>
        [new KeepConstant(4, Half), new KeepConstant(8, Half), new KeepConstant(16, Half), .. tail];

    [Fact]
    public void Issue_17s_plan_has_a_15_s_cool_down_and_is_warned_about()
    {
        var settings = Settings(false, Copies(new KeepConstant(1, TimeSpan.FromSeconds(15))));

        Assert.Equal(15, CoolDownPlan.Seconds(settings, LeakOptions.Default));
        var warning = CoolDownPlan.Warning(settings, LeakOptions.Default);
        Assert.NotNull(warning);
        Assert.StartsWith("cool-down 15 s is shorter than the thread pool's 20 s idle timeout", warning, StringComparison.Ordinal);
        Assert.Contains("at least 25 s", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pause_long_enough_for_the_pool_to_retire_its_threads_is_not_warned_about()
    {
        var settings = Settings(false, Copies(new Pause(TimeSpan.FromSeconds(35))));

        Assert.Equal(35, CoolDownPlan.Seconds(settings, LeakOptions.Default));
        Assert.Null(CoolDownPlan.Warning(settings, LeakOptions.Default));
    }

    [Fact]
    public void No_cool_down_is_warned_about_and_a_ramp_down_counts_only_when_it_is_low_on_average()
    {
        Assert.StartsWith("no cool-down phase", CoolDownPlan.Warning(Settings(false, Copies()), LeakOptions.Default), StringComparison.Ordinal);
        var ramp = Settings(false, Copies(new RampingConstant(1, TimeSpan.FromSeconds(10)), new KeepConstant(1, TimeSpan.FromSeconds(30))));
        Assert.Equal(30, CoolDownPlan.Seconds(ramp, LeakOptions.Default));
    }

    [Fact]
    public void Concurrent_scenarios_cool_down_together_and_sequential_ones_by_the_last()
    {
        LoadSimulation[] shortTail = Copies(new Pause(TimeSpan.FromSeconds(10)));
        LoadSimulation[] longTail = Copies(new Pause(TimeSpan.FromSeconds(40)));

        Assert.Equal(40, CoolDownPlan.Seconds(Settings(false, shortTail, longTail), LeakOptions.Default));
        Assert.Equal(10, CoolDownPlan.Seconds(Settings(false, longTail, [new KeepConstant(4, TimeSpan.FromSeconds(120))]), LeakOptions.Default));
        Assert.Equal(10, CoolDownPlan.Seconds(Settings(true, longTail, shortTail), LeakOptions.Default));
        Assert.Null(CoolDownPlan.Seconds(Settings(false, [new IterationsForConstant(2, 100)]), LeakOptions.Default));
    }

    [Fact]
    public void The_bundled_config_ends_with_a_cool_down_long_enough_for_the_thread_pool_and_its_dry_run_prints_no_warning()
    {
        var console = new RecordingUserConsole();
        var plan = RunPlanFactory.Create(new RunCommand.Settings { Config = BundledTarget.DefaultConfigPath, DryRun = true }, "test");

        PlanPrinter.Print(console, plan, CatalogScenarioFactory.Instance);

        Assert.DoesNotContain(console.Lines,
            l => l.Contains("cool-down", StringComparison.Ordinal) && l.StartsWith("warning:", StringComparison.Ordinal));
    }

    [Fact]
    public void Dry_run_of_a_config_with_a_15_s_cool_down_warns_that_it_is_too_short_for_the_thread_pool()
    {
        var config = Path.Combine(Path.GetTempPath(), $"loadleak-cooldown-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, File.ReadAllText(BundledTarget.DefaultConfigPath)
            .Replace("{ \"KeepConstant\": [5, \"00:00:25\"] }", "{ \"KeepConstant\": [5, \"00:00:15\"] }", StringComparison.Ordinal));
        try
        {
            var console = new RecordingUserConsole();
            var plan = RunPlanFactory.Create(new RunCommand.Settings { Config = config, DryRun = true }, "test");

            PlanPrinter.Print(console, plan, CatalogScenarioFactory.Instance);

            Assert.Contains(console.Lines, l => l.StartsWith("warning: cool-down 15 s is shorter than the thread pool's 20 s idle timeout",
                StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(config);
        }
    }
}
