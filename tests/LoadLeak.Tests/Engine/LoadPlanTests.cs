using LoadLeak.Engine;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Schedules;
using LoadLeak.Engine.Simulations;
using LoadLeak.Results;

namespace LoadLeak.Tests.Engine;

public class LoadPlanTests
{
    private static readonly TimeSpan TenSeconds = TimeSpan.FromSeconds(10);

    private static ScenarioProps Props(params LoadSimulation[] simulations) =>
        Scenario.Create("s", _ => Task.FromResult(Response.Ok())).WithLoadSimulations(simulations);

    [Fact]
    public void Phases_are_named_by_position_and_simulation_and_ramps_continue_from_the_previous_level()
    {
        var plan = LoadPlan.Build(Props(new RampingConstant(100, TenSeconds), new KeepConstant(100, TenSeconds),
            new Pause(TimeSpan.FromSeconds(5)), new RampingConstant(50, TenSeconds), new RampingConstant(10, TenSeconds)), seed: 1);

        Assert.Equal(["1 RampingConstant(100, 00:00:10)", "2 KeepConstant(100, 00:00:10)", "3 Pause(00:00:05)",
            "4 RampingConstant(50, 00:00:10)", "5 RampingConstant(10, 00:00:10)"], plan.Select(p => p.Name));
        Assert.Equal([PhaseKind.Load, PhaseKind.Load, PhaseKind.Pause, PhaseKind.Load, PhaseKind.Load], plan.Select(p => p.Kind));
        Assert.Equal(25, plan[3].Closed!.CopiesAt(5)); // after a pause the ramp starts from 0
        Assert.Equal(30, plan[4].Closed!.CopiesAt(5)); // 50 → 10
    }

    [Fact]
    public void Warm_up_runs_the_first_simulation_shape_for_the_warm_up_duration()
    {
        var plan = LoadPlan.Build(Props(new Inject(50, TimeSpan.FromSeconds(1), TenSeconds)).WithWarmUpDuration(TimeSpan.FromSeconds(3)), seed: 1);
        Assert.Equal(LoadPlan.WarmUpName, plan[0].Name);
        Assert.Equal(PhaseKind.WarmUp, plan[0].Kind);
        Assert.False(plan[0].Measured);
        Assert.Equal(TimeSpan.FromSeconds(3), plan[0].Duration);
        Assert.Equal(150, plan[0].Open!.StartOffsets().Count());
        Assert.Equal(50, plan[1].RatePerSecond);
    }

    [Fact]
    public void Mixed_models_and_bad_values_are_config_errors()
    {
        var mixed = Assert.Throws<ConfigException>(() => LoadPlan.Build(Props(new KeepConstant(1, TenSeconds),
            new Inject(1, TimeSpan.FromSeconds(1), TenSeconds)), 1));
        Assert.Contains("LoadSimulations[1]", mixed.Message);
        var bad = Assert.Throws<ConfigException>(() => LoadPlan.Build(Props(new Inject(-5, TimeSpan.FromSeconds(1), TenSeconds)), 1));
        Assert.Contains("rate must be > 0, got -5", bad.Message);
    }

    [Fact]
    public void No_simulation_means_NBomber_default()
    {
        var plan = LoadPlan.Build(Props(), 1);
        Assert.Equal(LoadPlan.DefaultSimulation, Assert.Single(plan).Simulation);
    }
}
