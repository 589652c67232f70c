using LoadLeak.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using TargetProcess = LoadLeak.IntegrationTests.Scenarios.TargetProcess;

namespace LoadLeak.IntegrationTests.LoadLeak.Sessions;

/// <summary>--target-pid: a process LoadLeak only watches. Its death is noticed; an interrupted run leaves it running.</summary>
public sealed class AttachTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_attached_target_that_dies_mid_run_is_noticed_and_the_run_exits_3()
    {
        using var target = await TargetProcess.StartAsync();
        using var folder = new RunFolder();
        using var cli = CliProcess.Start("run", "--config", ConfigFor(target, folder), "--out", folder.Path,
            "--target-pid", target.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await folder.Stream.WaitForIntervalsAsync(4, TimeSpan.FromSeconds(90), cli.ToString);

        var killedAt = DateTimeOffset.UtcNow;
        ProcessTools.Signal(target.Pid, ProcessTools.SigKill);
        var result = await cli.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 3, result.ToString());
        var run = folder.RunJson();
        Assert.Equal("target-died", RunAssertions.Status(run));
        var noticedAfter = Assert.Single(RunAssertions.Events(run, "target-died")).GetProperty("t").GetDouble()
                           - RunAssertions.RunSeconds(folder.Stream, killedAt);
        output.WriteLine($"attached target's death noticed {noticedAfter:0.000} s after kill -9");
        Assert.InRange(noticedAfter, -0.1, 1.0);
    }

    [Fact]
    public async Task An_interrupted_run_leaves_an_attached_target_running()
    {
        using var target = await TargetProcess.StartAsync();
        using var folder = new RunFolder();
        using var cli = CliProcess.Start("run", "--config", ConfigFor(target, folder), "--out", folder.Path,
            "--target-pid", target.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await folder.Stream.WaitForIntervalsAsync(3, TimeSpan.FromSeconds(90), cli.ToString);

        ProcessTools.Signal(cli.Pid, ProcessTools.SigInt);
        var result = await cli.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Equal("interrupted", RunAssertions.Status(folder.RunJson()));
        Assert.True(ProcessTools.IsAlive(target.Pid), "LoadLeak must never stop a process it only attached to");
    }

    /// <summary>An attached target keeps its own port, so the config names it instead of {port}.</summary>
    private static string ConfigFor(TargetProcess target, RunFolder folder)
    {
        var path = folder.File("config.json");
        File.WriteAllText(path, File.ReadAllText(RepoPaths.TestConfig("reliability-http.json"))
            .Replace("{port}", target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        return path;
    }
}
