using System.Diagnostics;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Stats;

namespace LoadLeak.Tests.Engine;

[Collection(EngineRuns.Collection)]
public class ScenarioMetricsTests
{
    [Fact]
    public void Recording_keeps_nothing_per_request()
    {
        var metrics = new ScenarioMetrics(TimeSpan.FromMilliseconds(20));
        metrics.BeginIntervals(0);
        Record(metrics, 20_000, 0); // warm the histograms and dictionaries up
        var before = GC.GetTotalMemory(forceFullCollection: true);

        Record(metrics, 300_000, 20_000);

        var grown = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.True(grown < 1_000_000, $"300k recorded iterations retained {grown} bytes");
        var stats = metrics.Summarize("s", 10);
        Assert.Equal(320_000, stats.Total);
        Assert.Equal(ScenarioMetrics.MaxDistinctErrors + 1, stats.Errors.Count);
        Assert.Equal(stats.Fail, stats.Errors.Sum(e => e.Count));
    }

    [Fact]
    public void Corrected_latency_adds_the_delay_between_intended_and_actual_start()
    {
        var metrics = new ScenarioMetrics(TimeSpan.FromMilliseconds(20));
        metrics.BeginIntervals(0);
        var ms = Stopwatch.Frequency / 1000;
        const long t0 = 1_000_000_000;
        metrics.Started(t0, t0 + 500 * ms, measured: true);
        metrics.Finished(Response.Ok(), t0, t0 + 500 * ms, t0 + 510 * ms, measured: true);
        metrics.Started(t0, t0, measured: false);
        metrics.Finished(Response.Ok(), t0, t0, t0 + 1000 * ms, measured: false);

        var stats = metrics.Summarize("s", 1);
        Assert.Equal(1, stats.Ok); // the warm-up iteration is not in totals
        Assert.Equal(1, stats.Late);
        Assert.InRange(stats.Latency.Max, 509, 511);
        Assert.InRange(stats.LatencyUncorrected.Max, 9.9, 10.1);
        var row = metrics.TakeInterval(1, "s", "p", 0, 0);
        Assert.Equal(2, row.Ok);
        Assert.InRange(row.P99, 999, 1001); // the warm-up iteration's 1 s is in the interval
    }

    [Fact]
    public void A_batch_response_counts_as_its_operations()
    {
        var metrics = new ScenarioMetrics(TimeSpan.FromMilliseconds(20));
        metrics.BeginIntervals(0);
        var ms = Stopwatch.Frequency / 1000;
        const long t0 = 1_000_000_000;
        metrics.Started(t0, t0, measured: true);
        metrics.Finished(Response.Ok("Persisted", 1000, customLatencyMs: 7, count: 100), t0, t0, t0 + 7 * ms, measured: true);
        metrics.Started(t0, t0, measured: true);
        metrics.Finished(Response.Fail("Local_MsgTimedOut", "timed out", count: 3), t0, t0, t0 + 7 * ms, measured: true);

        var stats = metrics.Summarize("s", 2);
        Assert.Equal(100, stats.Ok);
        Assert.Equal(3, stats.Fail);
        Assert.Equal(51.5, stats.Rps, 3);
        Assert.Equal(3, Assert.Single(stats.Errors).Count);
        Assert.Equal(100, stats.StatusCodes["Persisted"]);
        Assert.InRange(stats.Latency.P50, 6.9, 7.1);
        var row = metrics.TakeInterval(2, "s", "p", 1, 0);
        Assert.Equal((100, 3), (row.Ok, row.Fail));
    }

    private static void Record(ScenarioMetrics metrics, int count, int offset)
    {
        var now = Stopwatch.GetTimestamp();
        for (var i = offset; i < offset + count; i++)
        {
            var response = i % 10 == 0 ? Response.Fail("500", $"unique error {i}") : Response.Ok("200", 100);
            metrics.Started(now, now, measured: true);
            metrics.Finished(response, now, now, now + i % 5000, measured: true);
            if (i % 50_000 == 0) metrics.TakeInterval(i, "s", "p", 1, 0);
        }
    }
}
