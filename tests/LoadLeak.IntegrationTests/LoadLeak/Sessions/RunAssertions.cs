using System.Text.Json;
using LoadLeak.IntegrationTests.Infrastructure;

namespace LoadLeak.IntegrationTests.LoadLeak.Sessions;

/// <summary>Checks every reliability test ends with: the run's processes gone, no dump folders left.</summary>
public static class RunAssertions
{
    public static async Task NothingLeftRunningAsync(int? targetPid, int loadLeakPid)
    {
        if (targetPid is { } pid)
            Assert.True(await ProcessTools.WaitGoneAsync(pid, TimeSpan.FromSeconds(5)), $"target pid {pid} still runs after loadleak exited");
        Assert.False(ProcessTools.IsAlive(loadLeakPid), $"loadleak pid {loadLeakPid} still runs");
        var dumps = Directory.EnumerateDirectories(Path.GetTempPath(), $"loadleak-dumps-{loadLeakPid}-*").ToArray();
        Assert.True(dumps.Length == 0, "dump folders left: " + string.Join(", ", dumps));
    }

    /// <summary>The pid from the CLI's "target: … (pid N)" line, for runs that never wrote a stream header.</summary>
    public static int TargetPidFromOutput(string stdout)
    {
        var match = System.Text.RegularExpressions.Regex.Match(stdout, @"^target: .*\(pid (\d+)\)$",
            System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.True(match.Success, "no 'target: … (pid N)' line in:\n" + stdout);
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static IReadOnlyList<JsonElement> Events(JsonElement run, string kind) =>
        run.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == kind).ToArray();

    public static string Status(JsonElement run) => run.GetProperty("status").GetString()!;

    /// <summary>Seconds on the run's clock for a wall-clock instant.</summary>
    public static double RunSeconds(RunStreamFile stream, DateTimeOffset instant) => (instant - stream.StartedAt()).TotalSeconds;
}
