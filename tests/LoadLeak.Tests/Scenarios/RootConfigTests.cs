using System.Globalization;
using System.Text.Json;
using LoadLeak.Scenarios;

namespace LoadLeak.Tests.Scenarios;

/// <summary>The repository's default nbomber-config.json builds all three scenarios and stays a short run.</summary>
public class RootConfigTests
{
    private static readonly JsonElement Config = LoadRootConfig();

    [Fact]
    public void Targets_the_three_protocols_and_every_scenario_builds()
    {
        var targets = Config.GetProperty("TargetScenarios").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(["http", "grpc", "kafka"], targets);
        var env = Settings.Env("127.0.0.1:39092", ("port", "5080"), ("grpcPort", "5081"));
        foreach (var scenario in ScenarioSettings())
        {
            var name = scenario.GetProperty("ScenarioName").GetString()!;
            var props = ScenarioCatalog.Create(name, scenario.GetProperty("CustomSettings"), env);
            Assert.Equal(name, props.Name);
        }
    }

    [Fact]
    public void Ramps_100_to_500_with_holds_then_cools_down_within_three_minutes()
    {
        foreach (var scenario in ScenarioSettings())
        {
            var steps = scenario.GetProperty("LoadSimulationsSettings").EnumerateArray().Select(Step).ToList();
            var holds = steps.Where(s => s.Kind == "KeepConstant").Select(s => s.Copies).ToList();
            Assert.Equal([100, 200, 300, 400, 500, 5], holds);
            var total = TimeSpan.Parse(scenario.GetProperty("WarmUpDuration").GetString()!, CultureInfo.InvariantCulture)
                        + steps.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);
            Assert.True(total <= TimeSpan.FromMinutes(3), $"{total} is longer than 3 minutes");
        }
    }

    private static (string Kind, int Copies, TimeSpan Duration) Step(JsonElement step)
    {
        var property = step.EnumerateObject().Single();
        var values = property.Value.EnumerateArray().ToArray();
        return (property.Name, values[0].GetInt32(), TimeSpan.Parse(values[^1].GetString()!, CultureInfo.InvariantCulture));
    }

    private static IEnumerable<JsonElement> ScenarioSettings() =>
        Config.GetProperty("GlobalSettings").GetProperty("ScenariosSettings").EnumerateArray();

    private static JsonElement LoadRootConfig()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LoadLeak.sln")))
                return JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.FullName, "nbomber-config.json"))).RootElement.Clone();
        throw new InvalidOperationException("no LoadLeak.sln above the test directory");
    }
}
