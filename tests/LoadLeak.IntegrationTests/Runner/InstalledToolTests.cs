using System.Diagnostics;
using System.Text.Json;
using LoadLeak.IntegrationTests.Infrastructure;

namespace LoadLeak.IntegrationTests.Runner;

/// <summary>
/// The tool as a user gets it: packed, installed into a temporary tool path, run from an empty folder outside the
/// repository. Everything it runs (the bundled target, the default config) must come from the installed package:
/// no path under the repository may appear in what it writes.
/// </summary>
public sealed class InstalledToolTests
{
    private const string Version = "0.0.0-installtest";

    [Fact]
    public async Task Installed_tool_runs_from_an_empty_folder_with_its_own_target_and_default_config()
    {
        var temp = Directory.CreateTempSubdirectory("loadleak-tool-").FullName;
        try
        {
            Assert.False(IsUnder(temp, RepoPaths.Root), $"the temporary folder {temp} must lie outside the repository");
            var loadleak = await InstallAsync(temp);
            var work = Directory.CreateDirectory(Path.Combine(temp, "empty")).FullName;

            var run = await RunAsync(loadleak, work, TimeSpan.FromMinutes(3), "run", "--duration-scale", "0.1", "--out", "out");
            Assert.True(run.ExitCode is 0 or 1, run.ToString());
            Assert.Contains("using the tool's default config", run.StdOut);
            var outDir = Path.Combine(work, "out");
            foreach (var report in (string[])["run.json", "report.html", "report.md", "intervals.csv"])
                Assert.True(File.Exists(Path.Combine(outDir, report)), $"{report} missing\n{run}");

            var runJson = File.ReadAllText(Path.Combine(outDir, "run.json"));
            Assert.DoesNotContain(RepoPaths.Root, runJson, StringComparison.Ordinal);
            Assert.DoesNotContain(RepoPaths.Root, run.StdOut + run.StdErr, StringComparison.Ordinal);
            using var doc = JsonDocument.Parse(runJson);
            var root = doc.RootElement;
            var tools = Path.Combine(temp, "tools");
            Assert.StartsWith(tools, root.GetProperty("meta").GetProperty("configPath").GetString());
            Assert.Contains(tools, root.GetProperty("meta").GetProperty("targetCommand").GetString());
            Assert.Contains(root.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("default config", StringComparison.Ordinal));
            Assert.Contains(root.GetProperty("leak").GetProperty("verdict").GetString(), new[] { "leak", "no-leak", "inconclusive" });
            // The bundled target served every protocol of the default config: its assemblies came with the tool.
            Assert.All(root.GetProperty("scenarios").EnumerateArray(), s => Assert.True(s.GetProperty("ok").GetInt64() > 0, s.ToString()));

            var init = await RunAsync(loadleak, work, TimeSpan.FromMinutes(1), "init");
            Assert.Equal(0, init.ExitCode);
            Assert.StartsWith("//", File.ReadAllText(Path.Combine(work, "nbomber-config.json")));
            var again = await RunAsync(loadleak, work, TimeSpan.FromMinutes(1), "init");
            Assert.Equal(2, again.ExitCode);
            Assert.Contains("--force", again.StdErr + again.StdOut);
        }
        finally { Directory.Delete(temp, recursive: true); }
    }

    /// <summary>Packs the already-built runner (the test project's build built it) and installs it from a local feed only.</summary>
    private static async Task<string> InstallAsync(string temp)
    {
        var feed = Path.Combine(temp, "feed");
        var pack = await DotnetAsync(TimeSpan.FromMinutes(5), "pack", Path.Combine(RepoPaths.Root, "src", "Runner", "LoadLeak.Runner.csproj"),
            "-c", RepoPaths.Configuration, "--no-build", "-o", feed, $"-p:PackageVersion={Version}");
        Assert.True(pack.ExitCode == 0, pack.ToString());
        var tools = Path.Combine(temp, "tools");
        var install = await DotnetAsync(TimeSpan.FromMinutes(2), "tool", "install", "--tool-path", tools, "--source", feed,
            "LoadLeak.Tool", "--version", Version);
        Assert.True(install.ExitCode == 0, install.ToString());
        return Path.Combine(tools, "loadleak");
    }

    private static Task<CliResult> DotnetAsync(TimeSpan limit, params string[] args) =>
        RunAsync("dotnet", Path.GetTempPath(), limit, args);

    private static Task<CliResult> RunAsync(string program, string workingDirectory, TimeSpan limit, params string[] args)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory };
        foreach (var a in args) info.ArgumentList.Add(a);
        return CliProcess.RunAsync(info, limit);
    }

    private static bool IsUnder(string path, string folder) =>
        Path.GetFullPath(path).StartsWith(Path.GetFullPath(folder).TrimEnd('/') + "/", StringComparison.Ordinal);
}
