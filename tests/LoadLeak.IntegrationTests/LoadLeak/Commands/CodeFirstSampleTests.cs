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
}
