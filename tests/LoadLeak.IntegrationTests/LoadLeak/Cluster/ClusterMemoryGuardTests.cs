using System.Text.Json.Nodes;
using LoadLeak.IntegrationTests.Infrastructure;
using LoadLeak.IntegrationTests.LoadLeak.Sessions;
using Xunit.Abstractions;

namespace LoadLeak.IntegrationTests.LoadLeak.Cluster;

/// <summary>
/// The memory guard of a cluster run with a probe, end to end (coordinator, agent and probe processes): it is the one path
/// where the RSS and the memory limit come over NATS from another process, which no unit test crosses.
/// </summary>
public sealed class ClusterMemoryGuardTests(ITestOutputHelper output)
{
    private const double PlannedSeconds = 16; // http-short.json: 2 s warm-up + 3 + 5 + 2 + 4

    [RequiresNatsServerFact]
    public async Task The_probes_rss_past_the_ceiling_stops_the_agents_and_the_run_ends_guarded_with_its_reports()
    {
        using var folder = new RunFolder();
        var config = JsonNode.Parse(File.ReadAllText(RepoPaths.TestConfig("http-short.json")))!.AsObject();
        // A .NET target's RSS passes 20 MB at once: the guard fires at the probe's first live sample.
        config["LoadLeak"] = new JsonObject { ["Guard"] = new JsonObject { ["MaxTargetMemory"] = "20MB" } };
        var configPath = folder.File("config.json");
        await File.WriteAllTextAsync(configPath, config.ToJsonString());

        var result = await CliProcess.RunAsync(TimeSpan.FromSeconds(120), "run", "--config", configPath, "--out", folder.Path,
            // --snapshots: the snapshot requests cut short by the guard, and the probe's diff asked for after it, must not cost the reports.
            "--cluster-local", "1", "--cluster-probe", "--snapshots",
            "--target-cmd", ClusterRunCommandTests.TargetCommand(""), "--target-url", "http://127.0.0.1:{port}/healthz");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("memory guard: the load stops if the target's RSS passes 20.0 MiB", result.StdOut, StringComparison.Ordinal);
        var run = folder.RunJson();
        Assert.Equal("guarded", RunAssertions.Status(run));
        var guarded = Assert.Single(RunAssertions.Events(run, "guarded"));
        Assert.Contains("passed the guard's ceiling 20.0 MiB", guarded.GetProperty("message").GetString(), StringComparison.Ordinal);
        var duration = run.GetProperty("durationSeconds").GetDouble();
        output.WriteLine($"guarded at t = {guarded.GetProperty("t").GetDouble():0.0} s; run lasted {duration:0.0} s of {PlannedSeconds} s planned");
        Assert.True(duration < PlannedSeconds, $"the agents' load should stop at the guard, not at the planned end\n{result}");
        var agent = Assert.Single(run.GetProperty("agents").EnumerateArray());
        Assert.False(agent.GetProperty("lost").GetBoolean(), "the agent was stopped, not lost");
        Assert.True(run.GetProperty("samples").GetArrayLength() > 0, "the probe's samples are kept");
        Assert.Contains("heap forensics: the probe sent no heap diff", result.StdErr, StringComparison.Ordinal);
        foreach (var report in new[] { "report.html", "report.md" })
            Assert.True(File.Exists(folder.File(report)), $"{report} missing:\n{result}");
        Assert.Contains("probe local-probe: completed", await File.ReadAllTextAsync(folder.File("probe.log")), StringComparison.Ordinal);
    }
}
