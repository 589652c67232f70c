using System.Text.Json.Nodes;
using LoadLeak.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace LoadLeak.IntegrationTests.LoadLeak.Sessions;

/// <summary>A soak of a fast leak stops at the guard, with its reports written, and the target is stopped.</summary>
public sealed class MemoryGuardTests(ITestOutputHelper output)
{
    private const double CeilingMb = 300;

    [Fact]
    public async Task A_soak_of_a_fast_leak_stops_at_the_guard_with_status_guarded_exit_1_and_its_reports()
    {
        using var folder = new RunFolder();
        var config = LaunchedTargetLogTests.ConfigWith(folder,
            new JsonObject { ["RetainedGc"] = "none", ["Guard"] = new JsonObject { ["MaxTargetMemory"] = $"{CeilingMb}MB" } });
        var dll = Path.Combine(RepoPaths.Root, "samples", "TargetService", "bin", RepoPaths.Configuration, "net10.0", "TargetService.dll");

        var result = await CliProcess.RunAsync(TimeSpan.FromMinutes(4), "soak", "--config", config, "--out", folder.Path,
            "--duration", "150s", "--copies", "16", "--no-snapshots",
            "--target-cmd", $"dotnet \"{dll}\" --port {{port}} --grpc-port {{grpcPort}} --leak static-cache",
            "--target-url", "http://127.0.0.1:{port}/healthz");

        Assert.True(result.ExitCode == 1, result.ToString());
        var run = folder.RunJson();
        Assert.Equal("guarded", RunAssertions.Status(run));
        var guarded = Assert.Single(RunAssertions.Events(run, "guarded"));
        Assert.Contains("memory guard stopped the load", guarded.GetProperty("message").GetString(), StringComparison.Ordinal);
        var stoppedAt = guarded.GetProperty("t").GetDouble();
        var peakMb = run.GetProperty("samples").EnumerateArray()
            .Where(s => s.TryGetProperty("rssBytes", out var rss) && rss.ValueKind == System.Text.Json.JsonValueKind.Number)
            .Max(s => s.GetProperty("rssBytes").GetDouble()) / 1048576;
        output.WriteLine($"guard stopped the load at t = {stoppedAt:0.0} s of a 150 s soak; peak RSS {peakMb:0} MB (ceiling {CeilingMb} MB); " +
            $"run lasted {run.GetProperty("durationSeconds").GetDouble():0.0} s");
        Assert.True(run.GetProperty("durationSeconds").GetDouble() < 150, "the load should stop at the guard, not at the planned end");
        // Sampled every second: the RSS may pass the ceiling by what the leak adds in about a second, not by hundreds of MB.
        Assert.InRange(peakMb, CeilingMb, CeilingMb * 1.5);
        Assert.Contains("memory guard", result.StdErr + result.StdOut, StringComparison.Ordinal);
        foreach (var report in new[] { "report.html", "report.md", "run.json" })
            Assert.True(File.Exists(folder.File(report)), $"{report} missing:\n{result}");
        Assert.Contains("This run is guarded", await File.ReadAllTextAsync(folder.File("report.html")), StringComparison.Ordinal);
        Assert.False(ProcessTools.IsAlive(RunAssertions.TargetPidFromOutput(result.StdOut)), "the guarded target must be stopped");
    }

    [Fact]
    public async Task Dry_run_shows_the_guard_and_a_bad_size_is_exit_2_naming_its_json_path()
    {
        using var folder = new RunFolder();
        var config = LaunchedTargetLogTests.ConfigWith(folder, new JsonObject { ["Guard"] = new JsonObject { ["MaxTargetMemory"] = "300MB" } });
        var shown = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "run", "--config", config, "--dry-run");
        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Contains("memory guard: stops the load above 300.0 MiB", shown.StdOut, StringComparison.Ordinal);

        var off = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "soak", "--config", config, "--duration", "1m", "--dry-run", "--no-guard");
        Assert.True(off.ExitCode == 0, off.ToString());
        Assert.Contains("memory guard: off", off.StdOut, StringComparison.Ordinal);

        var bad = LaunchedTargetLogTests.ConfigWith(folder, new JsonObject { ["Guard"] = new JsonObject { ["MaxTargetMemory"] = "lots" } });
        var result = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "run", "--config", bad, "--dry-run");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("LoadLeak.Guard.MaxTargetMemory", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
    }
}
