using LoadLeak.Engine;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Config;

namespace LoadLeak.Tests.Engine;

/// <summary>Every anticipated mistake is a ConfigException naming the file and the JSON path.</summary>
public class NBomberConfigErrorTests
{
    private static string Scenario(string simulations, string extra = "") => $$"""
        { "GlobalSettings": { "ScenariosSettings": [
            { "ScenarioName": "ok" },
            { "ScenarioName": "bad", "LoadSimulationsSettings": [ {{simulations}} ] {{extra}} }
        ] } }
        """;

    private static string Fails(string json)
    {
        var error = Assert.Throws<ConfigException>(() => NBomberConfig.Parse(json, "cfg.json"));
        Assert.StartsWith("cfg.json: ", error.Message);
        return error.Message;
    }

    private const string Sim = "GlobalSettings.ScenariosSettings[1].LoadSimulationsSettings";

    [Fact]
    public void Malformed_json_reports_line_and_position()
    {
        var message = Fails("{\n  \"TestName\": \"x\",\n  \"TargetScenarios\": [ oops ]\n}");
        Assert.Contains("malformed JSON at line 3", message);
        Assert.Contains("position", message);
        Assert.DoesNotContain("LineNumber", message);
    }

    [Fact]
    public void Unknown_target_scenario()
    {
        var message = Fails("""{ "TargetScenarios": ["ok", "nope"], "GlobalSettings": { "ScenariosSettings": [ { "ScenarioName": "ok" } ] } }""");
        Assert.Equal("cfg.json: TargetScenarios[1]: unknown scenario 'nope' (GlobalSettings.ScenariosSettings has: ok)", message);
    }

    [Fact]
    public void Target_scenarios_may_name_scenarios_registered_in_code_and_the_error_lists_them()
    {
        const string json = """{ "TargetScenarios": ["flow", "ok"], "GlobalSettings": { "ScenariosSettings": [ { "ScenarioName": "ok" } ] } }""";
        Assert.Equal(["flow", "ok"], NBomberConfig.Parse(json, "cfg.json", ["flow", "ok"]).TargetScenarios);

        var error = Assert.Throws<ConfigException>(() => NBomberConfig.Parse(json, "cfg.json", ["other"]));
        Assert.Equal("cfg.json: TargetScenarios[0]: unknown scenario 'flow' (GlobalSettings.ScenariosSettings has: ok; " +
                     "registered in code: other)", error.Message);
    }

    [Theory]
    [InlineData("""{ "KeepConstant": [10, "30"] }""", Sim + "[0].KeepConstant[1]: expected a duration")]
    [InlineData("""{ "KeepConstant": [10, "00:00:xx"] }""", Sim + "[0].KeepConstant[1]: expected a duration")]
    [InlineData("""{ "KeepConstant": [10, 30] }""", Sim + "[0].KeepConstant[1]: expected a duration")]
    [InlineData("""{ "Pause": ["-00:00:05"] }""", Sim + "[0].Pause[0]: duration must not be negative")]
    [InlineData("""{ "KeepConstant": [10, "00:00:00"] }""", Sim + "[0].KeepConstant[1]: during must be > 00:00:00")]
    public void Bad_durations(string simulation, string expected) => Assert.Contains(expected, Fails(Scenario(simulation)));

    [Theory]
    [InlineData("""{ "Inject": [-5, "00:00:01", "00:00:10"] }""", Sim + "[0].Inject[0]: rate must be > 0, got -5")]
    [InlineData("""{ "Inject": [0, "00:00:01", "00:00:10"] }""", Sim + "[0].Inject[0]: rate must be > 0, got 0")]
    [InlineData("""{ "KeepConstant": [0, "00:00:10"] }""", Sim + "[0].KeepConstant[0]: copies must be > 0, got 0")]
    [InlineData("""{ "RampingConstant": [-1, "00:00:10"] }""", Sim + "[0].RampingConstant[0]: copies must be >= 0, got -1")]
    [InlineData("""{ "IterationsForConstant": [2, 0] }""", Sim + "[0].IterationsForConstant[1]: iterations must be > 0, got 0")]
    [InlineData("""{ "InjectRandom": [10, 5, "00:00:01", "00:00:10"] }""", Sim + "[0].InjectRandom[1]: maxRate must be > 0 and >= minRate (10), " +
        "got 5")]
    [InlineData("""{ "Inject": [10, "00:00:00", "00:00:10"] }""", Sim + "[0].Inject[1]: interval must be > 00:00:00")]
    [InlineData("""{ "KeepConstant": [1.5, "00:00:10"] }""", Sim + "[0].KeepConstant[0]: expected a whole number, got 1.5")]
    public void Bad_rates_and_copies(string simulation, string expected) => Assert.Contains(expected, Fails(Scenario(simulation)));

    [Fact]
    public void Unknown_simulation_kind()
    {
        var message = Fails(Scenario("""{ "KeepConstnat": [1, "00:00:01"] }"""));
        Assert.Contains(Sim + "[0].KeepConstnat: unknown load simulation 'KeepConstnat'; known: RampingConstant", message);
    }

    [Theory]
    [InlineData("""{ "Inject": [10, "00:00:01"] }""", Sim + "[0].Inject: Inject takes 3 values [rate, interval, during], got 2")]
    [InlineData("""{ "Pause": ["00:00:01", "00:00:02"] }""", Sim + "[0].Pause: Pause takes 1 values [during], got 2")]
    [InlineData("""{ "Pause": "00:00:01" }""", Sim + "[0].Pause: expected an array")]
    [InlineData("""{ "Pause": ["00:00:01"], "KeepConstant": [1, "00:00:01"] }""", Sim + "[0]: expected one property")]
    public void Wrong_arity_or_shape(string simulation, string expected) => Assert.Contains(expected, Fails(Scenario(simulation)));

    [Fact]
    public void Mixed_closed_and_open_simulations()
    {
        var message = Fails(
            Scenario("""{ "KeepConstant": [1, "00:00:01"] }, { "Pause": ["00:00:01"] }, { "Inject": [1, "00:00:01", "00:00:01"] }"""));
        Assert.Contains(Sim + "[2]: Inject(1, 00:00:01, 00:00:01) cannot follow closed (copies) simulations", message);
    }

    [Theory]
    [InlineData("""{ "OkRequest": { "Speed": "> 1" } }""", "ThresholdSettings[0].OkRequest.Speed: unknown threshold metric 'OkRequest.Speed'")]
    [InlineData("""{ "Throughput": { "RPS": "> 1" } }""", "ThresholdSettings[0].Throughput: unknown threshold metric 'Throughput'")]
    [InlineData("""{ "OkLatency": { "p99": "fast" } }""", "ThresholdSettings[0].OkLatency.p99: expected a condition like")]
    [InlineData("""{ "OkLatency": { "p99": 500 } }""", "ThresholdSettings[0].OkLatency.p99: expected a string")]
    public void Unknown_threshold_metrics_and_bad_conditions(string threshold, string expected)
    {
        var message = Fails(Scenario("""{ "KeepConstant": [1, "00:00:01"] }""", $$""", "ThresholdSettings": [ {{threshold}} ]"""));
        Assert.Contains("GlobalSettings.ScenariosSettings[1]." + expected, message);
    }

    [Theory]
    [InlineData("""{ "GlobalSettings": { "ScenariosRunMode": "Parallel" } }""", "GlobalSettings.ScenariosRunMode: expected \"Concurrent\" or " +
        "\"Sequential\", got \"Parallel\"")]
    [InlineData("""{ "GlobalSettings": { "ReportingInterval": "00:00:00" } }""", "GlobalSettings.ReportingInterval: must be > 00:00:00")]
    [InlineData("""{ "GlobalSettings": { "ScenariosSettings": [ { "ScenarioName": "a" }, { "ScenarioName": "a" } ] } }""",
        "GlobalSettings.ScenariosSettings[1].ScenarioName: scenario 'a' is configured more than once")]
    [InlineData("""{ "GlobalSettings": { "ScenariosSettings": [ { "WarmUpDuration": "00:00:01" } ] } }""",
        "GlobalSettings.ScenariosSettings[0].ScenarioName: every scenario needs a non-empty ScenarioName")]
    [InlineData("""{ "GlobalSettings": { "ScenariosSettings": [ { "ScenarioName": "a", "MaxFailCount": -1 } ] } }""",
        "GlobalSettings.ScenariosSettings[0].MaxFailCount: must be >= 0")]
    [InlineData("""{ "GlobalSettings": { "ScenariosSettings": [ { "ScenarioName": "a", "CustomSettings": [1] } ] } }""",
        "GlobalSettings.ScenariosSettings[0].CustomSettings: expected an object, got an array")]
    [InlineData("""{ "LoadLeak": { "Engine": { "MaxInFlight": 0 } } }""", "LoadLeak.Engine.MaxInFlight: must be > 0")]
    [InlineData("""{ "LoadLeak": [] }""", "LoadLeak: expected an object")]
    [InlineData("""[]""", "cfg.json: expected an object, got an array")]
    public void Other_settings(string json, string expected) => Assert.Contains(expected, Fails(json));

    [Fact]
    public void Duration_scale_must_be_positive()
    {
        var config = NBomberConfig.Parse("{}", "cfg.json");
        ScenarioProps Factory(ScenarioConfig c) => global::LoadLeak.Engine.Api.Scenario.Create(c.ScenarioName, _ => Task.FromResult(Response.Ok()));
        Assert.Contains("--duration-scale must be > 0, got 0", Assert.Throws<ConfigException>(() => config.ToEngineSettings(Factory, 0)).Message);
        Assert.Throws<ConfigException>(() => config.ToEngineSettings(Factory, double.NaN));
        Assert.Throws<ConfigException>(() => config.ToEngineSettings(Factory, -1));
    }
}
