using LoadLeak.Cluster.Running;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Simulations;

namespace LoadLeak.Tests.LoadLeak.Cluster;

public sealed class PhaseScheduleTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);

    private static ScenarioProps Http(string name) => Scenario.Create(name, _ => Task.FromResult(Response.Ok()))
        .WithWarmUpDuration(3 * S)
        .WithLoadSimulations(new RampingInject(1200, S, 2 * S), new Inject(1200, S, 8 * S), new Inject(100, S, 6 * S));

    [Fact]
    public void Phases_start_at_the_sum_of_the_planned_lengths_before_them()
    {
        var schedule = new PhaseSchedule(new EngineSettings([Http("a")], S, false));

        var starts = schedule.StartedBy(double.MaxValue).Select(s => (s.Phase.Name, s.Start)).ToList();

        Assert.Equal([0.0, 3, 5, 13], starts.Select(s => s.Start));
        Assert.Equal("warm-up", starts[0].Name);
        Assert.Equal(2, schedule.StartedBy(4.9).Count());
        Assert.Equal(3, schedule.StartedBy(5).Count());
    }

    [Fact]
    public void Sequential_scenarios_start_after_the_earlier_ones_and_concurrent_ones_at_zero()
    {
        var sequential = new PhaseSchedule(new EngineSettings([Http("a"), Http("b")], S, true));
        var concurrent = new PhaseSchedule(new EngineSettings([Http("a"), Http("b")], S, false));

        Assert.Equal([19.0, 22, 24, 32], sequential.StartedBy(double.MaxValue).Where(s => s.Scenario == "b").Select(s => s.Start));
        Assert.Equal([0.0, 3, 5, 13], concurrent.StartedBy(double.MaxValue).Where(s => s.Scenario == "b").Select(s => s.Start));
    }

    [Fact]
    public void The_schedule_stops_at_a_phase_bound_by_iterations()
    {
        var iterations = Scenario.Create("i", _ => Task.FromResult(Response.Ok())).WithoutWarmUp()
            .WithLoadSimulations(new IterationsForConstant(2, 100), new KeepConstant(2, S));

        var starts = new PhaseSchedule(new EngineSettings([iterations, Http("b")], S, true)).StartedBy(double.MaxValue).ToList();

        Assert.Equal([0.0], starts.Select(s => s.Start));
    }
}
