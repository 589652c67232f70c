using LoadLeak.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace LoadLeak.IntegrationTests.LoadLeak.Sessions;

/// <summary>The target dies mid-run, or never gets ready, or cannot be started: clear status, exit code, nothing left running.</summary>
public sealed class TargetDeathTests(ITestOutputHelper output)
{
    private static string BundledTargetCommand(string extra = "") =>
        $"dotnet \"{Path.Combine(RepoPaths.Root, "samples", "TargetService", "bin", RepoPaths.Configuration, "net10.0", "TargetService.dll")}\" " +
            $"--port {{port}} --grpc-port {{grpcPort}}{extra}";

    [Fact]
    public async Task A_target_killed_mid_run_is_noticed_within_an_interval_and_the_run_exits_3()
    {
        using var folder = new RunFolder();
        using var cli = CliProcess.Start("run", "--config", RepoPaths.TestConfig("reliability-http.json"), "--out", folder.Path,
            "--target-cmd", BundledTargetCommand(), "--target-url", "http://127.0.0.1:{port}/healthz");
        await folder.Stream.WaitForIntervalsAsync(4, TimeSpan.FromSeconds(90), cli.ToString);
        var targetPid = folder.Stream.TargetPid()!.Value;

        var killedAt = DateTimeOffset.UtcNow;
        ProcessTools.Signal(targetPid, ProcessTools.SigKill);
        var result = await cli.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 3, result.ToString());
        var run = folder.RunJson();
        Assert.Empty(RunAssertions.Events(run, "engine-failed"));
        Assert.Equal("target-died", RunAssertions.Status(run));
        var died = Assert.Single(RunAssertions.Events(run, "target-died"));
        var noticedAfter = died.GetProperty("t").GetDouble() - RunAssertions.RunSeconds(folder.Stream, killedAt);
        output.WriteLine($"target death noticed {noticedAfter:0.000} s after kill -9; run lasted " +
            $"{run.GetProperty("durationSeconds").GetDouble():0.0} s");
        Assert.InRange(noticedAfter, -0.1, 1.0);
        Assert.True(run.GetProperty("durationSeconds").GetDouble() < 15, "the load should stop when the target dies");
        Assert.True(run.GetProperty("intervals").GetArrayLength() >= 4);
        Assert.True(File.Exists(folder.File("report.html")), result.ToString());
        Assert.Contains("This run is target-died", await File.ReadAllTextAsync(folder.File("report.html")), StringComparison.Ordinal);
        await RunAssertions.NothingLeftRunningAsync(targetPid, cli.Pid);
    }

    [Fact]
    public async Task A_target_that_exits_at_once_fails_readiness_with_exit_3()
    {
        using var folder = new RunFolder();
        var result = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "run", "--config", RepoPaths.TestConfig("reliability-http.json"),
            "--out", folder.Path, "--target-cmd", "false", "--target-url", "http://127.0.0.1:{port}/healthz");
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("exited", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
        Assert.False(File.Exists(folder.File("run.json")), "nothing was measured, so there is no run to report");
        Assert.False(ProcessTools.IsAlive(RunAssertions.TargetPidFromOutput(result.StdOut)));
    }

    [Fact]
    public async Task A_target_that_never_gets_ready_times_out_with_exit_3_and_is_stopped()
    {
        using var folder = new RunFolder();
        // A unique sleep length marks the process, so the test can find it if it survived.
        var marker = "29." + Random.Shared.Next(100_000, 999_999);
        var result = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "run", "--config", RepoPaths.TestConfig("reliability-http.json"),
            "--out", folder.Path, "--target-cmd", $"sleep {marker}", "--target-url", "http://127.0.0.1:{port}/healthz", "--ready-timeout", "3");
        var survivors = ProcessTools.WithCommandLine("sleep " + marker);
        foreach (var pid in survivors) ProcessTools.KillQuietly(pid);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("not ready", result.StdErr);
        Assert.Empty(survivors);
    }

    [Fact]
    public async Task A_target_command_that_does_not_exist_is_a_usage_error()
    {
        using var folder = new RunFolder();
        var result = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "run", "--config", RepoPaths.TestConfig("reliability-http.json"),
            "--out", folder.Path, "--target-cmd", "/nonexistent/loadleak-no-such-target --port {port}");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--target-cmd", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
    }

    [Fact]
    public async Task An_output_folder_that_cannot_be_written_is_a_usage_error_before_anything_starts()
    {
        using var folder = new RunFolder();
        var notAFolder = folder.File("a-file");
        await File.WriteAllTextAsync(notAFolder, "");
        var marker = "29." + Random.Shared.Next(100_000, 999_999);
        var result = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "run", "--config", RepoPaths.TestConfig("reliability-http.json"),
            "--out", Path.Combine(notAFolder, "reports"), "--target-cmd", $"sleep {marker}");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--out", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
        Assert.Empty(ProcessTools.WithCommandLine("sleep " + marker));
    }
}
