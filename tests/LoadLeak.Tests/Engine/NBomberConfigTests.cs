using System.Text.Json;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Config;
using LoadLeak.Engine.Simulations;
using LoadLeak.Results;

namespace LoadLeak.Tests.Engine;

public class NBomberConfigTests
{
    private const string Full = """
    {
      // NBomber configs often carry comments
      "TestSuite": "leaks",
      "TestName": "uniform ramp",
      "TargetScenarios": ["http", "grpc"],
      "GlobalSettings": {
        "ScenariosSettings": [
          {
            "ScenarioName": "http",
            "WarmUpDuration": "00:00:05",
            "LoadSimulationsSettings": [
              { "RampingConstant": [100, "00:00:30"] },
              { "KeepConstant": [100, "00:00:30"] },
              { "Pause": ["00:00:05"] },
              { "IterationsForConstant": [10, 500] }
            ],
            "MaxFailCount": 50,
            "ThresholdSettings": [
              { "OkRequest": { "RPS": "> 10" } },
              { "FailRequest": { "Percent": "< 5" } },
              { "OkLatency": { "p99": "< 500", "Mean": "<= 100.5" } }
            ],
            "CustomSettings": { "Url": "http://127.0.0.1:5000", "Body": { "op": "query" } }
          },
          {
            "ScenarioName": "grpc",
            "LoadSimulationsSettings": [
              { "Inject": [200, "00:00:01", "00:00:20"] },
              { "RampingInject": [400, "00:00:01", "00:00:00.5"] },
              { "InjectRandom": [5, 10, "00:00:01", "00:01:00"] },
              { "IterationsForInject": [50, "00:00:01", 1000] }
            ]
          },
          { "ScenarioName": "kafka" }
        ],
        "ReportFileName": "run",
        "ReportFolder": "./reports",
        "ReportFormats": ["Html", "Md", "Csv"],
        "ReportingInterval": "00:00:02",
        "ScenariosRunMode": "Sequential",
        "EnableHintsAnalyzer": false
      },
      "LoadLeak": { "Correlator": { "SlopeMbPerMin": 1.5 }, "Engine": { "MaxInFlight": 64, "LateToleranceMs": 5, "RandomSeed": 7 } }
    }
    """;

    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Parses_every_part_of_an_NBomber_config()
    {
        var config = NBomberConfig.Parse(Full, "full.json");

        Assert.Equal("leaks", config.TestSuite);
        Assert.Equal("uniform ramp", config.TestName);
        Assert.Equal(["http", "grpc"], config.TargetScenarios);
        Assert.Equal(["http", "grpc", "kafka"], config.Scenarios.Select(s => s.ScenarioName));
        Assert.Equal("run", config.ReportFileName);
        Assert.Equal("./reports", config.ReportFolder);
        Assert.Equal(["Html", "Md", "Csv"], config.ReportFormats);
        Assert.Equal(TimeSpan.FromSeconds(2), config.ReportingInterval);
        Assert.True(config.Sequential);
        Assert.Equal(1.5, config.Extensions.GetProperty("Correlator").GetProperty("SlopeMbPerMin").GetDouble());
        Assert.Equal(new EngineOptions(64, TimeSpan.FromMilliseconds(5), 7), config.Engine);

        var http = config.Scenarios[0];
        Assert.Equal(TimeSpan.FromSeconds(5), http.WarmUpDuration);
        Assert.Equal(new LoadSimulation[]
        {
            new RampingConstant(100, TimeSpan.FromSeconds(30)), new KeepConstant(100, TimeSpan.FromSeconds(30)),
            new Pause(TimeSpan.FromSeconds(5)), new IterationsForConstant(10, 500),
        }, http.LoadSimulations);
        Assert.Equal(50, http.MaxFailCount);
        Assert.Equal(["OkRequest.RPS > 10", "FailRequest.Percent < 5", "OkLatency.p99 < 500", "OkLatency.Mean <= 100.5"],
            http.Thresholds!.Select(t => t.Description));
        Assert.Equal("http://127.0.0.1:5000", http.CustomSettings.GetProperty("Url").GetString());
        Assert.Equal("GlobalSettings.ScenariosSettings[0]", http.JsonPath);

        var grpc = config.Scenarios[1];
        Assert.Equal(new LoadSimulation[]
        {
            new Inject(200, Second, TimeSpan.FromSeconds(20)), new RampingInject(400, Second, TimeSpan.FromSeconds(0.5)),
            new InjectRandom(5, 10, Second, TimeSpan.FromMinutes(1)), new IterationsForInject(50, Second, 1000),
        }, grpc.LoadSimulations);
        Assert.Null(grpc.WarmUpDuration);
        Assert.Equal(JsonValueKind.Object, grpc.CustomSettings.ValueKind);
        Assert.False(grpc.HasCustomSettings);
    }

    [Fact]
    public void A_minimal_config_has_defaults()
    {
        var config = NBomberConfig.Parse("{}", "empty.json");
        Assert.Empty(config.Scenarios);
        Assert.Null(config.TargetScenarios);
        Assert.False(config.Sequential);
        Assert.Equal(JsonValueKind.Object, config.Extensions.ValueKind);
        Assert.Null(config.ReportingInterval);
    }

    [Fact]
    public void Thresholds_check_the_stats()
    {
        var thresholds = NBomberConfig.Parse(Full, "full.json").Scenarios[0].Thresholds!;
        var latency = new LatencySummary(10, 20, 30, 40, 400, 450, 480, 100, 5);
        var good = new ScenarioStats("http", 990, 10, 100, 10, latency, latency, new Dictionary<string, long>(), [], 0, 0, 0);
        Assert.All(thresholds, t => Assert.True(t.Check(good), t.Description));

        var slow = good with { Latency = latency with { P99 = 600 }, Fail = 100 };
        Assert.Equal([true, false, false, true], thresholds.Select(t => t.Check(slow)));
    }

    [Fact]
    public void ToEngineSettings_applies_overrides_over_code_and_scales_durations_but_not_intervals()
    {
        var config = NBomberConfig.Parse(Full, "full.json");
        var asked = new List<string>();
        var settings = config.ToEngineSettings(c =>
        {
            asked.Add(c.ScenarioName);
            return Scenario.Create(c.ScenarioName, _ => Task.FromResult(Response.Ok()))
                .WithWarmUpDuration(TimeSpan.FromSeconds(60))
                .WithMaxFailCount(1)
                .WithLoadSimulations(new KeepConstant(1, TimeSpan.FromSeconds(1)));
        }, durationScale: 0.1);

        Assert.Equal(["http", "grpc"], asked);
        Assert.True(settings.Sequential);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.ReportingInterval);
        Assert.Equal(64, settings.MaxInFlight);
        Assert.Equal(7, settings.RandomSeed);

        var http = settings.Scenarios[0];
        Assert.Equal(TimeSpan.FromSeconds(0.5), http.WarmUpDuration);
        Assert.Equal(50, http.MaxFailCount);
        Assert.Equal(new RampingConstant(100, TimeSpan.FromSeconds(3)), http.LoadSimulations[0]);
        Assert.Equal(new IterationsForConstant(10, 500), http.LoadSimulations[3]);
        Assert.Equal("http://127.0.0.1:5000", http.CustomSettings.GetProperty("Url").GetString());

        var grpc = settings.Scenarios[1];
        Assert.Equal(TimeSpan.FromSeconds(6), grpc.WarmUpDuration); // not in the config: the code's 60 s, scaled
        Assert.Equal(1, grpc.MaxFailCount);
        Assert.Equal(new Inject(200, Second, TimeSpan.FromSeconds(2)), grpc.LoadSimulations[0]);
        Assert.Equal(new IterationsForInject(50, Second, 1000), grpc.LoadSimulations[3]);
    }

    [Fact]
    public void ApplyTo_keeps_what_the_config_leaves_out()
    {
        var custom = JsonDocument.Parse("""{"a":1}""").RootElement.Clone();
        var props = Scenario.Create("s", _ => Task.FromResult(Response.Ok()))
            .WithLoadSimulations(new KeepConstant(3, Second)).WithMaxFailCount(9) with
        { CustomSettings = custom };
        var config = new ScenarioConfig("s", null, null, ScenarioProps.EmptyObject, null, null);

        var applied = NBomberConfig.ApplyTo(props, config);

        Assert.Equal(props.LoadSimulations, applied.LoadSimulations);
        Assert.Equal(9, applied.MaxFailCount);
        Assert.Equal(1, applied.CustomSettings.GetProperty("a").GetInt32());
    }

    [Fact]
    public void Load_reads_a_file_and_names_it_in_errors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"loadleak-config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "TestName": 5 }""");
        try
        {
            var error = Assert.Throws<global::LoadLeak.Engine.ConfigException>(() => NBomberConfig.Load(path));
            Assert.Equal($"{path}: TestName: expected a string, got 5", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
        var missing = Assert.Throws<global::LoadLeak.Engine.ConfigException>(() => NBomberConfig.Load(path));
        Assert.StartsWith($"{path}: cannot read the config file", missing.Message);
    }
}
