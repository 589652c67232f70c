using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Simulations;
using LoadLeak.Soak;

namespace LoadLeak.Tests.LoadLeak.Soak;

public sealed class SoakPlanTests
{
    [Fact]
    public void Soak_holds_each_scenario_at_its_peak_copies()
    {
        var scenario = Scenario.Create("s", _ => Task.FromResult(Response.Ok()))
            .WithLoadSimulations(new RampingConstant(100, TimeSpan.FromSeconds(5)), new KeepConstant(300, TimeSpan.FromSeconds(5)),
                new KeepConstant(5, TimeSpan.FromSeconds(5)));
        var shaped = new SoakPlan(TimeSpan.FromMinutes(10), null, TimeSpan.FromMinutes(1))
            .Shape(new EngineSettings([scenario], TimeSpan.FromSeconds(1), false));
        var sims = shaped.Scenarios[0].LoadSimulations;
        Assert.Equal([new RampingConstant(300, TimeSpan.FromSeconds(30)), new KeepConstant(300, TimeSpan.FromSeconds(570))], sims);
    }
}
