using System.Diagnostics;
using LoadLeak.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace LoadLeak.IntegrationTests.Correlator.Accuracy;

/// <summary>
/// The accuracy matrix: every leak mode of the bundled target must be flagged on the right resource,
/// protocol and phase, and every clean look-alike must get "no-leak", each in a short real run
/// (`loadleak run` with all three protocols at once, embedded Kafka), asserted on run.json.
/// </summary>
public sealed class AccuracyMatrixTests(AccuracyMatrixFixture fixture, ITestOutputHelper output) : IClassFixture<AccuracyMatrixFixture>
{
    private const string Config = "accuracy-matrix.json";

    public static TheoryData<string> Modes() => new(MatrixCase.All.Select(c => c.Mode));

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Verdict_matches_the_mode(string mode)
    {
        var expected = MatrixCase.All.Single(c => c.Mode == mode);
        var attempt = await RunOnceAsync(expected);
        // The score (precision, recall) counts first attempts only. A verdict is a statistical test on a
        // 30 s run sharing 2 cores: a miss gets one fresh run before it fails the build, so the gate
        // fails on a systematic error (two misses in a row), not on one unlucky run.
        if (!attempt.Correct)
        {
            output.WriteLine($"{mode}: first run missed; running it once more");
            Directory.Delete(attempt.OutDir, recursive: true);
            attempt = await RunOnceAsync(expected, scored: false);
        }
        var (result, outcome, _, outDir) = attempt;

        // The run must have loaded all three protocols, or a clean verdict would mean nothing.
        foreach (var scenario in new[] { "http", "grpc", "kafka" })
            Assert.True(outcome.OkPerScenario.GetValueOrDefault(scenario) > 500, $"{scenario} barely ran\n{result}");
        AssertTargetGone(outcome.TargetPid);

        if (expected.IsLeak) AssertLeakFound(expected, outcome);
        else AssertClean(outcome);
        Assert.Equal(expected.IsLeak ? 1 : 0, result.ExitCode);
        Directory.Delete(outDir, recursive: true);
    }

    private sealed record Attempt(CliResult Result, MatrixOutcome Outcome, bool Correct, string OutDir);

    private async Task<Attempt> RunOnceAsync(MatrixCase expected, bool scored = true)
    {
        var mode = expected.Mode;
        var outDir = Path.Combine(Path.GetTempPath(), $"loadleak-matrix-{mode}-{Guid.NewGuid():N}");
        var watch = Stopwatch.StartNew();
        var result = await CliProcess.RunAsync(TimeSpan.FromSeconds(180),
            "run", "--config", RepoPaths.TestConfig(Config),
            "--target-cmd", TargetCommand(mode),
            "--target-url", "http://127.0.0.1:{port}/healthz",
            "--out", outDir);
        watch.Stop();

        var runJson = Path.Combine(outDir, "run.json");
        Assert.True(File.Exists(runJson), result.ToString());
        var outcome = MatrixOutcome.Read(runJson);
        output.WriteLine($"{mode}: {watch.Elapsed.TotalSeconds:0} s\n{outcome.Describe()}");
        var correct = expected.IsLeak ? FoundAsExpected(expected, outcome) : outcome.Verdict == "no-leak" && outcome.Findings.All(f => !f.IsLeak);
        if (scored) fixture.Score.Add(expected, outcome, correct, watch.Elapsed.TotalSeconds);
        return new Attempt(result, outcome, correct, outDir);
    }

    private static string TargetCommand(string mode)
    {
        var dll = Path.Combine(RepoPaths.Root, "samples", "TargetService", "bin", RepoPaths.Configuration, "net10.0", "TargetService.dll");
        var leak = mode == "none" ? "" : $" --leak {mode}";
        return $"dotnet \"{dll}\" --port {{port}} --grpc-port {{grpcPort}} --kafka {{kafka}}{leak}";
    }

    private static bool FoundAsExpected(MatrixCase expected, MatrixOutcome outcome) =>
        outcome.Verdict == "leak"
        && outcome.Finding(expected.Resource!) is { IsLeak: true } f
        && (expected.Scenario is null || f.Scenario == expected.Scenario)
        && outcome.PhaseOf(f) is { Kind: "load" } phase
        && (!expected.BusiestPhase || outcome.IsBusiestPhase(phase));

    private static void AssertLeakFound(MatrixCase expected, MatrixOutcome outcome)
    {
        Assert.True(outcome.Verdict == "leak", outcome.Describe());
        var finding = outcome.Finding(expected.Resource!);
        Assert.True(finding is { IsLeak: true }, $"{expected.Resource} not flagged\n{outcome.Describe()}");
        // Growth belongs to a load phase: never the warm-up (excluded) nor the pause that cools down.
        Assert.True(outcome.PhaseOf(finding!) is { Kind: "load" }, $"phase '{finding!.Phase}' is not a load phase\n{outcome.Describe()}");
        if (!expected.ScenarioGated) return;
        if (expected.Scenario is not null) Assert.True(finding.Scenario == expected.Scenario, $"blamed {finding.Scenario}\n{outcome.Describe()}");
        if (expected.BusiestPhase)
            Assert.True(outcome.IsBusiestPhase(outcome.PhaseOf(finding)!), $"steepest phase {finding.Phase} is not one where {finding.Scenario} " +
                $"was busiest\n{outcome.Describe()}");
    }

    private static void AssertClean(MatrixOutcome outcome)
    {
        Assert.True(outcome.Verdict == "no-leak", outcome.Describe());
        Assert.All(outcome.Findings, f => Assert.False(f.IsLeak, f.Summary));
    }

    /// <summary>The CLI must stop the target it launched (and its process tree) before it exits.</summary>
    private static void AssertTargetGone(int pid)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline && IsAlive(pid)) Thread.Sleep(100);
        Assert.False(IsAlive(pid), $"target pid {pid} is still running after the CLI exited");
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline");
            return cmdline.Contains("TargetService", StringComparison.Ordinal);
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
