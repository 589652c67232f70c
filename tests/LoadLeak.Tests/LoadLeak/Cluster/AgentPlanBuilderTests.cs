using LoadLeak.Cluster.Agents;
using LoadLeak.Cluster.Protocol;
using LoadLeak.Engine;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Simulations;
using LoadLeak.Results;

namespace LoadLeak.Tests.LoadLeak.Cluster;

public class AgentPlanBuilderTests
{
    private const string Config = """
        {
          "GlobalSettings": {
            "ScenariosSettings": [
              { "ScenarioName": "http", "WarmUpDuration": "00:00:04",
                "LoadSimulationsSettings": [ { "RampingConstant": [5, "00:00:10"] }, { "KeepConstant": [5, "00:00:20"] } ],
                "CustomSettings": { "Protocol": "http", "Url": "http://127.0.0.1:{port}/api/query" } },
              { "ScenarioName": "kafka",
                "CustomSettings": { "Protocol": "kafka", "Topic": "t" } }
            ]
          }
        }
        """;

    [Fact]
    public void An_agent_builds_only_its_scenarios_with_its_share_and_the_scale()
    {
        var assignment = new Assignment(Config, "cfg.json", [new ScenarioShare("http", 1, 2, 0)],
            new Dictionary<string, string> { ["port"] = "8080" }, null, 0.5, 0);

        var plan = AgentPlanBuilder.Build(assignment, NullEngineLog.Instance);

        var props = Assert.Single(plan.Settings.Scenarios);
        Assert.Equal("http", props.Name);
        Assert.Equal([new RampingConstant(2, TimeSpan.FromSeconds(5)), new KeepConstant(2, TimeSpan.FromSeconds(10))], props.LoadSimulations);
        Assert.Equal(TimeSpan.FromSeconds(2), props.WarmUpDuration);
        Assert.Equal(new KeepConstant(5, TimeSpan.FromSeconds(10)), plan.Original["http"][1]);
        Assert.Equal("2 KeepConstant(5, 00:00:10)", PhaseNames.Original("2 KeepConstant(2, 00:00:10)", plan.Original["http"]));
        Assert.Equal("warm-up", PhaseNames.Original("warm-up", plan.Original["http"]));
    }

    [Fact]
    public void An_unknown_scenario_is_a_config_error()
    {
        var assignment = new Assignment(Config, "cfg.json", [new ScenarioShare("nope", 0, 1, 0)], new Dictionary<string, string>(), null, 1, 0);
        var error = Assert.Throws<ConfigException>(() => AgentPlanBuilder.Build(assignment, NullEngineLog.Instance));
        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }
}
