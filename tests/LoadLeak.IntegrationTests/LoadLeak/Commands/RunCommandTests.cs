using System.Text.Json;
using LoadLeak.IntegrationTests.Infrastructure;

namespace LoadLeak.IntegrationTests.LoadLeak.Commands;

/// <summary>`loadleak run` end to end against the bundled target, asserting on the run.json it wrote.</summary>
public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_writes_per_second_load_rows_and_target_samples_on_one_clock()
    {
        var outDir = Path.Combine(Path.GetTempPath(), "loadleak-it-" + Guid.NewGuid().ToString("N"));
        var result = await CliProcess.RunAsync(TimeSpan.FromSeconds(120),
            "run", "--config", RepoPaths.TestConfig("http-short.json"), "--out", outDir);

        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        Assert.True(File.Exists(Path.Combine(outDir, "report.html")), result.ToString());
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "run.json")));
        var root = doc.RootElement;
        Assert.True(root.GetProperty("schemaVersion").GetInt32() >= 1);
        var duration = root.GetProperty("durationSeconds").GetDouble();

        var phases = root.GetProperty("phases").EnumerateArray().ToArray();
        Assert.True(phases.Length >= 4, "expected the warm-up and four load phases");
        var loadStart = phases.Min(p => p.GetProperty("start").GetDouble());
        var loadEnd = phases.Max(p => p.GetProperty("end").GetDouble());
        Assert.InRange(loadEnd - loadStart, 14, 25);

        var scenario = root.GetProperty("scenarios").EnumerateArray().Single();
        Assert.Equal("http", scenario.GetProperty("name").GetString());
        Assert.True(scenario.GetProperty("ok").GetInt64() > 100, result.ToString());
        Assert.True(scenario.GetProperty("latencyMs").GetProperty("p99").GetDouble() > 0);

        // One load row per second, each inside the run and inside a phase.
        var intervals = root.GetProperty("intervals").EnumerateArray().Select(i => i.GetProperty("t").GetDouble()).ToArray();
        Assert.InRange(intervals.Length, 12, 30);
        Assert.All(intervals, t => Assert.InRange(t, loadStart, loadEnd + 1.01));

        // One target sample per second, with real heap and thread values, on the same clock.
        var samples = root.GetProperty("samples").EnumerateArray().ToArray();
        Assert.True(samples.Length >= 12, $"only {samples.Length} samples\n{result}");
        Assert.All(samples, s => Assert.InRange(s.GetProperty("t").GetDouble(), 0, duration + 1.01));
        var inLoad = samples.Where(s => s.GetProperty("t").GetDouble() is var t && t >= loadStart && t <= loadEnd).ToArray();
        Assert.True(inLoad.Length >= 10, $"only {inLoad.Length} samples inside the phases");
        Assert.True(inLoad.Count(s => s.GetProperty("gcHeapBytes").ValueKind == JsonValueKind.Number && s.GetProperty("gcHeapBytes").GetDouble() > 100_000) >= 8);
        Assert.True(inLoad.Count(s => s.GetProperty("threads").ValueKind == JsonValueKind.Number && s.GetProperty("threads").GetDouble() >= 1) >= 8);
        var gaps = samples.Zip(samples.Skip(1), (a, b) => b.GetProperty("t").GetDouble() - a.GetProperty("t").GetDouble());
        Assert.All(gaps, gap => Assert.InRange(gap, 0.5, 2.5));

        var verdict = root.GetProperty("leak").GetProperty("verdict").GetString();
        Assert.Contains(verdict, new[] { "leak", "no-leak", "inconclusive" });
        Directory.Delete(outDir, recursive: true);
    }

    [Fact]
    public async Task Bad_duration_scale_is_a_usage_error_naming_the_flag()
    {
        var result = await CliProcess.RunAsync(TimeSpan.FromSeconds(30), "run", "--duration-scale", "-1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--duration-scale", result.StdErr + result.StdOut);
        Assert.DoesNotContain("   at ", result.StdErr);
    }

    [Fact]
    public async Task Missing_config_file_is_a_usage_error()
    {
        var result = await CliProcess.RunAsync(TimeSpan.FromSeconds(30), "run", "--config", "/nonexistent/x.json");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--config", result.StdErr);
    }

    [Fact]
    public async Task Unknown_flag_is_a_usage_error()
    {
        var result = await CliProcess.RunAsync(TimeSpan.FromSeconds(30), "run", "--no-such-flag");
        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("   at ", result.StdErr);
    }
}
