using LoadLeak.Cli;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Simulations;
using LoadLeak.Tests.Shared;

namespace LoadLeak.Tests.LoadLeak;

/// <summary>
/// The SDK's run as `--dry-run` plans it (in process, nothing launched): code scenarios without a config, and
/// TargetScenarios (the config's, or WithTargetScenarios) naming scenarios that exist only in code.
/// </summary>
public sealed class CodeFirstDryRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("loadleak-codefirst-dry-").FullName;

    private static readonly LoadLeakRunBuilder Builder = LoadLeakRunner.RegisterScenarios(Code("flow"), Code("other"));

    private static ScenarioProps Code(string name) =>
        Scenario.Create(name, _ => Task.FromResult(Response.Ok())).WithLoadSimulations(new KeepConstant(2, TimeSpan.FromSeconds(5)));

    [Fact]
    public async Task Without_a_config_the_code_scenarios_run_alone_and_the_run_says_so()
    {
        var (code, lines) = await DryRun(Builder);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains(lines, l => l.StartsWith("no config (code scenarios)", StringComparison.Ordinal));
        Assert.Contains("config none (code scenarios): 2 scenario(s), concurrently, duration scale 1", lines);
        // The bundled default config lies beside the tool (here, the tests): a code-only run does not pick it up.
        Assert.True(File.Exists(global::LoadLeak.Targets.BundledTarget.DefaultConfigPath));
    }

    [Fact]
    public async Task The_configs_TargetScenarios_may_name_a_scenario_only_code_registers_and_its_settings_apply()
    {
        var config = Config("""
            "TargetScenarios": ["flow"],
            "GlobalSettings": { "ScenariosSettings": [
              { "ScenarioName": "flow", "WarmUpDuration": "00:00:03" },
              { "ScenarioName": "http-api", "CustomSettings": { "Url": "http://127.0.0.1:1/" } } ] }
            """);

        var (code, lines) = await DryRun(Builder.LoadConfig(config));

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains($"config {config}: 1 scenario(s), concurrently, duration scale 1", lines);
        Assert.Contains("  flow: warm-up 00:00:03", lines);
    }

    [Fact]
    public async Task An_unknown_target_is_a_usage_error_naming_it_and_the_known_scenarios()
    {
        var config = Config("""
            "TargetScenarios": ["flow", "nope"],
            "GlobalSettings": { "ScenariosSettings": [ { "ScenarioName": "http-api" } ] }
            """);

        var (code, lines) = await DryRun(Builder.LoadConfig(config));

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Equal($"error: {config}: TargetScenarios[1]: unknown scenario 'nope' " +
                     "(GlobalSettings.ScenariosSettings has: http-api; registered in code: flow, other)", Assert.Single(lines));
    }

    [Fact]
    public async Task WithTargetScenarios_picks_code_scenarios_and_refuses_an_unknown_one()
    {
        var (code, lines) = await DryRun(Builder.WithTargetScenarios("other"));
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("config none (code scenarios): 1 scenario(s), concurrently, duration scale 1", lines);
        Assert.Contains("  other: warm-up 00:00:00", lines);

        (code, lines) = await DryRun(Builder.WithTargetScenarios("flow", "nope"));
        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Equal("error: WithTargetScenarios: unknown scenario 'nope' (GlobalSettings.ScenariosSettings has: none; " +
                     "registered in code: flow, other)", Assert.Single(lines));
    }

    [Fact]
    public async Task The_configs_TargetScenarios_win_over_WithTargetScenarios()
    {
        var config = Config("""
            "TargetScenarios": ["flow"]
            """);

        var (code, lines) = await DryRun(Builder.LoadConfig(config).WithTargetScenarios("other"));

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("  flow: warm-up 00:00:00", lines);
        Assert.DoesNotContain("  other: warm-up 00:00:00", lines);
    }

    private async Task<(int Code, IReadOnlyList<string> Lines)> DryRun(LoadLeakRunBuilder builder)
    {
        var console = new RecordingUserConsole();
        var code = await builder.WithTarget("true").RunAsync(["--dry-run", "--out", Path.Combine(_dir, "out")], console);
        return (code, console.Lines);
    }

    private string Config(string body)
    {
        var path = Path.Combine(_dir, $"config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{" + body + "}");
        return path;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
