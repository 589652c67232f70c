using LoadLeak.Engine.Stats;
using LoadLeak.Results;
using LoadLeak.Sessions;

namespace LoadLeak.Tests.LoadLeak.Sessions;

public class LiveProgressTests
{
    [Fact]
    public void The_line_shows_the_intervals_p99()
    {
        var row = new IntervalRow(3, "kafka", "load", 100, 0, 100, 2, 12.5, 12.5, 4, 0, 0, 0);
        Assert.Contains("p99   12.5 ms err 0", LiveProgress.Format(3, [row], null));
    }

    [Fact]
    public void An_interval_where_every_response_failed_has_no_p99_rather_than_zero()
    {
        // A broker outage: only failures, and latency is recorded for successful responses only.
        var row = new IntervalRow(6, "kafka", "load", 0, 40, 40, 0, 0, 0, 4, 0, 0, 0);
        var line = LiveProgress.Format(6, [row], null);
        Assert.Contains("p99      – ms err 40", line);
        Assert.DoesNotContain("0.0 ms", line);
    }
}
