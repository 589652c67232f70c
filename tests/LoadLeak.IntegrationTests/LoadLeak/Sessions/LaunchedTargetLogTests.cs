using System.Text.Json.Nodes;
using LoadLeak.IntegrationTests.Infrastructure;

namespace LoadLeak.IntegrationTests.LoadLeak.Sessions;

/// <summary>A launched target runs in its own folder; a target that floods its log gets a capped target.log and a warning.</summary>
public sealed class LaunchedTargetLogTests
{
    /// <summary>The reliability config, shortened, with <paramref name="loadLeak"/> as its LoadLeak section.</summary>
    internal static string ConfigWith(RunFolder folder, JsonObject loadLeak)
    {
        var config = JsonNode.Parse(File.ReadAllText(RepoPaths.TestConfig("reliability-http.json")))!.AsObject();
        config["LoadLeak"] = loadLeak;
        var path = folder.File("config.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    [Fact]
    public async Task A_target_writing_5_MB_at_once_runs_in_its_folder_keeps_a_2_MB_log_and_warns()
    {
        using var folder = new RunFolder();
        var app = Directory.CreateDirectory(folder.File("app")).FullName;
        // pwd first, then ~5 MB as fast as the pipe takes it, a last line, and stay alive for the run.
        await File.WriteAllTextAsync(Path.Combine(app, "flood.sh"),
            "pwd\nyes 'request logged 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789' 2>/dev/null | " +
            "head -n 50000\necho LAST-LINE\nexec sleep 120\n");
        var config = ConfigWith(folder, new JsonObject { ["RetainedGc"] = "none", ["TargetLogMax"] = "2MB" });

        var result = await CliProcess.RunAsync(TimeSpan.FromMinutes(2), "run", "--config", config, "--out", folder.Path,
            // Relative to the CLI's working folder (the repository root), so the target's own folder must be worked out.
            "--target-cmd", $"sh {Path.GetRelativePath(RepoPaths.Root, Path.Combine(app, "flood.sh"))}",
            "--duration-scale", "0.25", "--no-guard");

        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        Assert.Contains($"target folder: {app}", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("MB/s (more than 1 MB/s)", result.StdOut + result.StdErr, StringComparison.Ordinal);
        var log = folder.File("target.log");
        var lines = await File.ReadAllLinesAsync(log);
        Assert.Equal(app, lines[0]);
        Assert.Equal("LAST-LINE", lines[^1]);
        var skip = Assert.Single(lines, l => l.StartsWith("[loadleak] ...", StringComparison.Ordinal));
        Assert.Contains("lines) skipped", skip, StringComparison.Ordinal);
        Assert.InRange(new FileInfo(log).Length, 1_900_000, 2 * 1024 * 1024 + skip.Length + 1);
        var notes = folder.RunJson().GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).ToArray();
        Assert.Contains(notes, n => n.Contains("in the middle were skipped", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("more than 1 MB/s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_target_cwd_that_does_not_exist_is_a_usage_error_naming_the_flag()
    {
        using var folder = new RunFolder();
        var result = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "run", "--config", RepoPaths.TestConfig("reliability-http.json"),
            "--out", folder.Path, "--target-cmd", "sleep 30", "--target-cwd", "/nonexistent/loadleak-no-such-folder");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--target-cwd", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
    }
}
