using System.Text.Json;
using LoadLeak.IntegrationTests.Infrastructure;

namespace LoadLeak.IntegrationTests.LoadLeak.Sessions;

/// <summary>The counters stop coming: a stalled .NET target gives a counter gap; a non-.NET target falls back to /proc.</summary>
public sealed class CounterGapTests
{
    [Fact]
    public async Task A_stalled_target_shows_a_counter_gap_on_the_timeline()
    {
        using var folder = new RunFolder();
        using var cli = CliProcess.Start("run", "--config", RepoPaths.TestConfig("reliability-http.json"), "--out", folder.Path);
        await folder.Stream.WaitForIntervalsAsync(4, TimeSpan.FromSeconds(90), cli.ToString);
        var targetPid = folder.Stream.TargetPid()!.Value;

        // SIGSTOP freezes the runtime, EventPipe included; /proc still answers.
        ProcessTools.Signal(targetPid, ProcessTools.SigStop);
        try { await Task.Delay(TimeSpan.FromSeconds(5)); }
        finally { ProcessTools.Signal(targetPid, ProcessTools.SigCont); }
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var streamed = folder.Stream.OfType("event").Select(e => e.GetProperty("kind").GetString()).ToArray();
        Assert.Contains("counter-gap", streamed); // on disk while the run goes, so a kill -9 cannot lose it
        var result = await cli.WaitAsync(TimeSpan.FromSeconds(90));

        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        var run = folder.RunJson();
        Assert.Empty(RunAssertions.Events(run, "engine-failed"));
        Assert.Equal("complete", RunAssertions.Status(run));
        Assert.NotEmpty(RunAssertions.Events(run, "counter-gap"));
        Assert.NotEmpty(RunAssertions.Events(run, "counter-resumed"));
        await RunAssertions.NothingLeftRunningAsync(targetPid, cli.Pid);
    }

    [RequiresPython3Fact]
    public async Task A_non_dotnet_target_is_sampled_from_proc_with_a_note()
    {
        using var folder = new RunFolder();
        using var cli = CliProcess.Start("run", "--config", RepoPaths.TestConfig("reliability-python.json"), "--out", folder.Path,
            "--target-cmd", "python3 -m http.server {port} --bind 127.0.0.1", "--target-url", "http://127.0.0.1:{port}/");
        var result = await cli.WaitAsync(TimeSpan.FromSeconds(90));
        var targetPid = folder.Stream.TargetPid();

        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        var run = folder.RunJson();
        Assert.Equal("complete", RunAssertions.Status(run));
        var notes = run.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).ToArray();
        var note = Assert.Single(notes, n => n.Contains("no .NET diagnostics socket", StringComparison.Ordinal));
        var samples = run.GetProperty("samples").EnumerateArray().ToArray();
        Assert.True(samples.Length >= 4, result.ToString());
        Assert.All(samples, s => Assert.Equal(JsonValueKind.Null, s.GetProperty("gcHeapBytes").ValueKind));
        Assert.True(samples.Count(s => s.GetProperty("rssBytes").ValueKind == JsonValueKind.Number && s.GetProperty("rssBytes")
            .GetDouble() > 1_000_000) >= 4);
        Assert.True(samples.Count(s => s.GetProperty("threads").ValueKind == JsonValueKind.Number
            && s.GetProperty("fds").ValueKind == JsonValueKind.Number) >= 4);
        Assert.True(run.GetProperty("scenarios")[0].GetProperty("ok").GetInt64() > 0, result.ToString());
        var html = await File.ReadAllTextAsync(folder.File("report.html"));
        Assert.Contains("no .NET diagnostics socket", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        await RunAssertions.NothingLeftRunningAsync(targetPid, cli.Pid);
    }
}
