using System.Text.Json;
using System.Text.Json.Nodes;
using LoadLeak.Commands;
using LoadLeak.Targets;

namespace LoadLeak.Tests.LoadLeak.Cli;

/// <summary>The default config shipped beside the tool (what `run` falls back to and `loadleak init` writes).</summary>
public sealed class DefaultConfigTests
{
    [Fact]
    public void Ships_beside_the_assembly_and_is_the_repository_config_with_comments()
    {
        Assert.True(File.Exists(BundledTarget.DefaultConfigPath), BundledTarget.DefaultConfigPath);
        var text = File.ReadAllText(BundledTarget.DefaultConfigPath);
        Assert.StartsWith("//", text);
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip };
        var shipped = JsonNode.Parse(text, documentOptions: options);
        var repository = JsonNode.Parse(File.ReadAllText(Path.Combine(ConfigFuzzTests.RepoRoot(), RunPlanFactory.DefaultConfigName)));
        Assert.True(JsonNode.DeepEquals(shipped, repository), "src/Runner/default-config.json has drifted from nbomber-config.json");
    }

    [Fact]
    public void Loads_and_plans_a_run_against_the_bundled_target()
    {
        var plan = RunPlanFactory.Create(new RunCommand.Settings { Config = BundledTarget.DefaultConfigPath, DryRun = true }, "test");
        Assert.Equal(["http", "grpc", "kafka"], plan.Config.TargetScenarios!);
        var launch = Assert.IsType<global::LoadLeak.Sessions.TargetSpec.Launch>(plan.Target);
        Assert.Contains(Path.Combine(AppContext.BaseDirectory, "TargetService.dll"), launch.CommandTemplate, StringComparison.Ordinal);
        Assert.Empty(plan.Notes);
    }
}
