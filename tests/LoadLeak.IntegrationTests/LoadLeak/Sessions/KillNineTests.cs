using LoadLeak.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace LoadLeak.IntegrationTests.LoadLeak.Sessions;

/// <summary>kill -9 mid-run: stream.jsonl holds everything up to the last interval, and `loadleak report` renders it as partial.</summary>
public sealed class KillNineTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Kill_nine_loses_at_most_the_current_interval_and_the_stream_renders_as_a_partial_report()
    {
        using var folder = new RunFolder();
        int? targetPid = null;
        using (var cli = CliProcess.Start("run", "--config", RepoPaths.TestConfig("reliability-http.json"), "--out", folder.Path))
        {
            await folder.Stream.WaitForIntervalsAsync(5, TimeSpan.FromSeconds(90), cli.ToString);
            targetPid = folder.Stream.TargetPid();
            Assert.NotNull(targetPid);
            await Task.Delay(1500); // land somewhere inside an interval, not on a tick
            var killedAt = DateTimeOffset.UtcNow;
            cli.KillNine();
            await cli.WaitAsync(TimeSpan.FromSeconds(10));

            var lastRow = folder.Stream.IntervalTimes().Max();
            var lost = RunAssertions.RunSeconds(folder.Stream, killedAt) - lastRow;
            output.WriteLine($"killed at run second {lastRow + lost:0.00}; last streamed interval row at {lastRow:0.00} ({lost:0.00} s lost)");
            Assert.InRange(lost, 0, 2.0);
            Assert.True(folder.Stream.OfType("sample").Count >= 3, "target samples are streamed with the interval rows");
            Assert.NotEmpty(folder.Stream.OfType("phase"));
            Assert.False(File.Exists(folder.File("run.json")), "a killed run cannot have written run.json");
        }

        // Nobody stopped the target: it dies with its parent (PR_SET_PDEATHSIG via setpriv) where setpriv exists.
        var diedWithParent = await ProcessTools.WaitGoneAsync(targetPid!.Value, TimeSpan.FromSeconds(5));
        ProcessTools.KillQuietly(targetPid);
        if (Scenarios.ExternalTools.FindOnPath("setpriv") is not null)
            Assert.True(diedWithParent, $"target pid {targetPid} outlived the killed loadleak");

        var report = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "report", folder.Path);
        Assert.True(report.ExitCode == 0, report.ToString());
        var run = folder.RunJson();
        Assert.Equal("partial", RunAssertions.Status(run));
        Assert.True(run.GetProperty("intervals").GetArrayLength() >= 5);
        var duration = run.GetProperty("durationSeconds").GetDouble();
        Assert.All(run.GetProperty("phases").EnumerateArray(),
            p => Assert.InRange(p.GetProperty("end").GetDouble(), p.GetProperty("start").GetDouble(), duration));
        var html = await File.ReadAllTextAsync(folder.File("report.html"));
        Assert.Contains("This run is partial", html, StringComparison.Ordinal);
    }
}
