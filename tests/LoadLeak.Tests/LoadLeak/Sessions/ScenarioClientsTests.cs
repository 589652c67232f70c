using LoadLeak.Engine.Api;
using LoadLeak.Engine.Config;
using LoadLeak.Scenarios.Settings;
using LoadLeak.Sessions;

namespace LoadLeak.Tests.LoadLeak.Sessions;

public sealed class ScenarioClientsTests
{
    private static readonly ScenarioEnvironment Env = new(new Dictionary<string, string> { ["port"] = "5080", ["grpcPort"] = "5081" }, null);

    private static readonly NBomberConfig Config = NBomberConfig.Parse("""
        { "TargetScenarios": ["grpc", "http"],
          "GlobalSettings": { "ScenariosSettings": [
            { "ScenarioName": "http", "LoadSimulationsSettings": [ { "KeepConstant": [1, "00:00:01"] } ] },
            { "ScenarioName": "grpc", "LoadSimulationsSettings": [ { "KeepConstant": [1, "00:00:01"] } ],
              "CustomSettings": { "Address": "https://127.0.0.1:{grpcPort}" } },
            { "ScenarioName": "kafka", "LoadSimulationsSettings": [ { "KeepConstant": [1, "00:00:01"] } ] } ] } }
        """, "test.json");

    [Fact]
    public void Each_target_scenario_says_its_client_in_run_order()
    {
        var settings = Config.ToEngineSettings(c => CatalogScenarioFactory.Instance.Create(c, Env), 1);
        var clients = ScenarioClients.Of(Config, settings, CatalogScenarioFactory.Instance, Env);

        Assert.Equal(["grpc", "http"], clients.Select(c => c.Key));
        Assert.Equal("grpc-net (auto: https Address (the lean client has no TLS))", clients[0].Value.ToString());
        Assert.Equal("raw (auto: plain http, HTTP/1.1, headers it can send)", clients[1].Value.ToString());
    }

    [Fact]
    public void Scenarios_whose_factory_does_not_say_have_no_client()
    {
        var factory = new CodeFactory();
        var settings = Config.ToEngineSettings(c => factory.Create(c, Env), 1);
        Assert.Empty(ScenarioClients.Of(Config, settings, factory, Env));
    }

    private sealed class CodeFactory : IScenarioFactory
    {
        public ScenarioProps Create(ScenarioConfig config, ScenarioEnvironment environment) =>
            Scenario.Create(config.ScenarioName, _ => Task.FromResult(Response.Ok()));
    }
}
