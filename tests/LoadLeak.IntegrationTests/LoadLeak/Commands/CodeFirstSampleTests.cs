using System.Diagnostics;
using System.Text.Json;
using LoadLeak.IntegrationTests.Infrastructure;

namespace LoadLeak.IntegrationTests.LoadLeak.Commands;

/// <summary>
/// samples/CodeFirst end to end (issue 19.2): a user's program registers a C# scenario with an HTTP and a gRPC
/// step, runs it against the bundled target through the library, and gets run.json with step statistics.
/// </summary>
public sealed class CodeFirstSampleTests
{
    [Fact]
    public async Task Sample_runs_its_two_steps_with_the_configs_load_and_writes_step_statistics()
    {
        var outDir = Path.Combine(Path.GetTempPath(), "loadleak-it-codefirst-" + Guid.NewGuid().ToString("N"));
        var result = await CliProcess.RunDllAsync(RepoPaths.CodeFirstDll, TimeSpan.FromSeconds(180),
            "--duration-scale", "0.3", "--out", outDir);

        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "run.json")));
        var root = doc.RootElement;
        // The sample's config overrides the code's KeepConstant(4) by the scenario's name.
        var phases = root.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToArray();
        Assert.Contains("1 KeepConstant(8, 00:00:04.5000000)", phases);

        var scenario = root.GetProperty("scenarios").EnumerateArray().Single();
        Assert.Equal("query-flow", scenario.GetProperty("name").GetString());
        // Declared in code (WithProtocol), not guessed from the name.
        Assert.Equal("http+grpc", scenario.GetProperty("protocol").GetString());
        Assert.EndsWith("codefirst-config.json", root.GetProperty("meta").GetProperty("configPath").GetString());
        var ok = scenario.GetProperty("ok").GetInt64();
        Assert.True(ok > 50, result.ToString());
        var steps = scenario.GetProperty("steps").EnumerateArray().ToArray();
        Assert.Equal(["http-query", "grpc-query"], steps.Select(s => s.GetProperty("name").GetString()));
        // Every iteration starts with the HTTP step; a failed step ends its iteration, so only the iterations
        // whose both steps succeeded are ok.
        var total = ok + scenario.GetProperty("fail").GetInt64();
        Assert.Equal(total, steps[0].GetProperty("ok").GetInt64() + steps[0].GetProperty("fail").GetInt64());
        Assert.Equal(ok, steps[1].GetProperty("ok").GetInt64());
        Assert.All(steps, s => Assert.True(s.GetProperty("latencyMs").GetProperty("p50").GetDouble() > 0));
        Assert.Contains("id=\"steps\"", File.ReadAllText(Path.Combine(outDir, "report.html")));
        Directory.Delete(outDir, recursive: true);
    }

    /// <summary>
    /// The no-config path as a user meets it (issue 19 left it to in-process dry runs): the sample's build copied
    /// without its config file, run from an empty folder, so only the code's settings (KeepConstant(4, 10 s), a
    /// 5 s pause) can drive it. Nothing else covers a real run without a config; scaled to ~6 s of load.
    /// </summary>
    [Fact]
    public async Task Without_its_config_file_the_sample_runs_the_codes_settings_and_creates_no_config()
    {
        var root = Directory.CreateTempSubdirectory("loadleak-it-codefirst-noconfig-").FullName;
        var app = Path.Combine(root, "app");
        var cwd = Directory.CreateDirectory(Path.Combine(root, "cwd")).FullName;
        CopyDirectory(Path.GetDirectoryName(RepoPaths.CodeFirstDll)!, app);
        File.Delete(Path.Combine(app, "codefirst-config.json"));
        var outDir = Path.Combine(cwd, "out");

        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = cwd };
        foreach (var a in new[] { Path.Combine(app, "CodeFirst.dll"), "--duration-scale", "0.5", "--out", outDir }) info.ArgumentList.Add(a);
        var result = await CliProcess.RunAsync(info, TimeSpan.FromSeconds(120));

        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        Assert.Contains("no config (code scenarios)", result.StdOut);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "run.json")));
        var run = doc.RootElement;
        Assert.Equal(JsonValueKind.Null, run.GetProperty("meta").GetProperty("configPath").ValueKind);
        // The code's own load: KeepConstant(4), not the deleted config's 8 copies.
        var phases = run.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToArray();
        Assert.Contains(phases, p => p!.StartsWith("1 KeepConstant(4, ", StringComparison.Ordinal));
        var scenario = run.GetProperty("scenarios").EnumerateArray().Single();
        Assert.True(scenario.GetProperty("ok").GetInt64() > 20, result.ToString());
        Assert.Contains("none (code scenarios)", File.ReadAllText(Path.Combine(outDir, "report.html")));
        Assert.Contains("no config (code scenarios)", File.ReadAllText(Path.Combine(outDir, "report.md")));
        // No config file appears anywhere: the folder holds only the reports, which hold none.
        Assert.Equal([outDir], Directory.GetFileSystemEntries(cwd));
        Assert.Empty(Directory.GetFiles(outDir, "*config*", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(app, "codefirst-config.json")));
        Directory.Delete(root, recursive: true);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
