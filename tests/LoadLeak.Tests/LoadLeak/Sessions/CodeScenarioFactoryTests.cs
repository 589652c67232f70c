using System.Text.Json;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Config;
using LoadLeak.Engine.Simulations;
using LoadLeak.Scenarios.Settings;
using LoadLeak.Sessions;

namespace LoadLeak.Tests.LoadLeak.Sessions;

/// <summary>Issue 19.2: code-registered scenarios, with the config's ScenariosSettings over them by name.</summary>
public class CodeScenarioFactoryTests
{
    private static readonly ScenarioEnvironment Environment =
        new(new Dictionary<string, string> { ["port"] = "5123", ["grpcPort"] = "5124" }, null);

    private static ScenarioProps Code(string name) =>
        Scenario.Create(name, _ => Task.FromResult(Response.Ok()))
            .WithLoadSimulations(new KeepConstant(4, TimeSpan.FromSeconds(10)))
        with
        { CustomSettings = JsonSerializer.SerializeToElement(new { Url = "http://127.0.0.1:{port}/q", Note = "{not-a-placeholder}" }) };

    [Fact]
    public void Config_settings_override_a_registered_scenario_by_name_and_the_rest_stays_as_code_set_it()
    {
        var config = NBomberConfig.Parse("""
            { "GlobalSettings": { "ScenariosSettings": [
              { "ScenarioName": "flow", "LoadSimulationsSettings": [ { "KeepConstant": [8, "00:00:02"] } ],
                "CustomSettings": { "Url": "http://127.0.0.1:{grpcPort}/other" } } ] } }
            """, "test.json");
        var factory = new CodeScenarioFactory([Code("flow"), Code("other")], new ThrowingFactory());

        var settings = factory.Complete(config, Environment)
            .ToEngineSettings(c => factory.Create(c, Environment), durationScale: 1);

        Assert.Equal(["flow", "other"], settings.Scenarios.Select(s => s.Name));
        Assert.Equal([new KeepConstant(8, TimeSpan.FromSeconds(2))], settings.Scenarios[0].LoadSimulations);
        Assert.Equal("http://127.0.0.1:5124/other", settings.Scenarios[0].CustomSettings.GetProperty("Url").GetString());
        Assert.Equal([new KeepConstant(4, TimeSpan.FromSeconds(10))], settings.Scenarios[1].LoadSimulations);
        Assert.Equal("http://127.0.0.1:5123/q", settings.Scenarios[1].CustomSettings.GetProperty("Url").GetString());
        Assert.Equal("{not-a-placeholder}", settings.Scenarios[1].CustomSettings.GetProperty("Note").GetString());
    }

    [Fact]
    public void Config_scenarios_that_no_code_registered_come_from_the_fallback()
    {
        var config = NBomberConfig.Parse("""{ "GlobalSettings": { "ScenariosSettings": [ { "ScenarioName": "http" } ] } }""", "t.json");
        var factory = new CodeScenarioFactory([Code("flow")], new ThrowingFactory());

        var complete = factory.Complete(config, Environment);

        Assert.Equal(["http", "flow"], complete.Scenarios.Select(s => s.ScenarioName));
        var e = Assert.Throws<InvalidOperationException>(() => factory.Create(complete.Scenarios[0], Environment));
        Assert.Equal("fallback asked for http", e.Message);
    }

    [Fact]
    public void The_catalog_scenarios_keep_their_client_and_code_scenarios_name_none()
    {
        var factory = new CodeScenarioFactory([Code("flow")], new ThrowingFactory());
        var http = new ScenarioConfig("http", null, null, ScenarioProps.EmptyObject, null, null);

        Assert.Equal("raw", factory.ClientOf(http, Environment)?.Client);
        Assert.Null(factory.ClientOf(http with { ScenarioName = "flow" }, Environment));
        Assert.Equal(["flow"], factory.CodeScenarios);
    }

    private sealed class ThrowingFactory : IScenarioFactory
    {
        public ScenarioProps Create(ScenarioConfig config, ScenarioEnvironment environment) =>
            throw new InvalidOperationException($"fallback asked for {config.ScenarioName}");

        public ClientChoice? ClientOf(ScenarioConfig config, ScenarioEnvironment environment) => ClientChoice.Auto("raw", "test");
    }
}
