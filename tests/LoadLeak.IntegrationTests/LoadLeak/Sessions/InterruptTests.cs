using LoadLeak.IntegrationTests.Infrastructure;

namespace LoadLeak.IntegrationTests.LoadLeak.Sessions;

/// <summary>Ctrl-C and SIGTERM mid-run: the load stops, every report is written as interrupted, the target is stopped, exit 130.</summary>
public sealed class InterruptTests
{
    [Theory]
    [InlineData(ProcessTools.SigInt)]
    [InlineData(ProcessTools.SigTerm)]
    public async Task A_signal_mid_run_writes_interrupted_reports_stops_the_target_and_exits_130(int signal)
    {
        using var folder = new RunFolder();
        using var cli = CliProcess.Start("run", "--config", RepoPaths.TestConfig("reliability-http.json"), "--out", folder.Path);
        await folder.Stream.WaitForIntervalsAsync(4, TimeSpan.FromSeconds(90), cli.ToString);
        var targetPid = folder.Stream.TargetPid();
        Assert.NotNull(targetPid);

        ProcessTools.Signal(cli.Pid, signal);
        var result = await cli.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 130, result.ToString());
        var run = folder.RunJson();
        Assert.Empty(RunAssertions.Events(run, "engine-failed"));
        Assert.Equal("interrupted", RunAssertions.Status(run));
        Assert.Single(RunAssertions.Events(run, "interrupted"));
        Assert.True(run.GetProperty("intervals").GetArrayLength() >= 4, result.ToString());
        Assert.True(run.GetProperty("durationSeconds").GetDouble() < 15, "the load should stop early");
        foreach (var name in new[] { "report.html", "report.md", "run.json" })
            Assert.True(File.Exists(folder.File(name)), $"{name} missing\n{result}");
        Assert.Contains("This run is interrupted", await File.ReadAllTextAsync(folder.File("report.html")), StringComparison.Ordinal);
        await RunAssertions.NothingLeftRunningAsync(targetPid, cli.Pid);
    }

    [Fact]
    public async Task A_signal_while_waiting_for_the_target_stops_it_and_exits_130()
    {
        using var folder = new RunFolder();
        var marker = "29." + Random.Shared.Next(100_000, 999_999);
        using var cli = CliProcess.Start("run", "--config", RepoPaths.TestConfig("reliability-http.json"), "--out", folder.Path,
            "--target-cmd", $"sleep {marker}", "--target-url", "http://127.0.0.1:{port}/healthz", "--ready-timeout", "60");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!cli.StdOut.Contains("target: ", StringComparison.Ordinal) && DateTime.UtcNow < deadline) await Task.Delay(50);
        await Task.Delay(300);

        ProcessTools.Signal(cli.Pid, ProcessTools.SigInt);
        var result = await cli.WaitAsync(TimeSpan.FromSeconds(30));
        var survivors = ProcessTools.WithCommandLine("sleep " + marker);
        foreach (var pid in survivors) ProcessTools.KillQuietly(pid);

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.DoesNotContain("   at ", result.StdErr);
        Assert.Empty(survivors);
    }
}
