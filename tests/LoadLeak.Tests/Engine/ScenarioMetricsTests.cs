using System.Diagnostics;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Schedules;
using LoadLeak.Engine.Simulations;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;

namespace LoadLeak.Tests.Engine;

[Collection(EngineRuns.Collection)]
public class ScenarioMetricsTests
{
    private static readonly long Ms = Stopwatch.Frequency / 1000;
    private const long T0 = 1_000_000_000;

    [Fact]
    public void Recording_keeps_nothing_per_request()
    {
        var (metrics, rows, meter) = Fixture();
        Record(metrics, rows, meter, 20_000, 0); // warm the histograms and dictionaries up
        var before = GC.GetTotalMemory(forceFullCollection: true);

        Record(metrics, rows, meter, 300_000, 20_000);

        var grown = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.True(grown < 1_000_000, $"300k recorded iterations retained {grown} bytes");
        var stats = Summarize(metrics);
        Assert.Equal(320_000, stats.Total);
        Assert.Equal(ScenarioMetrics.MaxDistinctErrors + 1, stats.Errors.Count);
        Assert.Equal(stats.Fail, stats.Errors.Sum(e => e.Count));
    }

    [Fact]
    public void Corrected_latency_adds_the_delay_between_intended_and_actual_start()
    {
        var (metrics, rows, warmUp) = Fixture(warmUp: true);
        var measured = metrics.Open(LoadPlan.Build(Props(true), 0)[1], T0 + 1000 * Ms, 1);
        rows.Begin(measured);
        Iterate(metrics, measured, Response.Ok(), T0, T0 + 500 * Ms, T0 + 510 * Ms);
        Iterate(metrics, warmUp, Response.Ok(), T0, T0, T0 + 1000 * Ms);

        var stats = Summarize(metrics);
        Assert.Equal(1, stats.Ok); // the warm-up iteration is not in totals
        Assert.Equal(1, stats.Late);
        Assert.InRange(stats.Latency.Max, 509, 511);
        Assert.InRange(stats.LatencyUncorrected.Max, 9.9, 10.1);
        rows.End(warmUp, 1);
        rows.End(measured, 2);
        var taken = Take(rows, 2);
        Assert.Equal(["warm-up", "1 KeepConstant(1, 00:00:10)"], taken.Select(r => r.Phase));
        Assert.Equal([1.0, 2.0], taken.Select(r => r.T));
        Assert.Equal([1, 1], taken.Select(r => r.Ok));
        Assert.InRange(taken[0].P99, 999, 1001);
    }

    [Fact]
    public void A_batch_response_counts_as_its_operations()
    {
        var (metrics, rows, meter) = Fixture();
        Iterate(metrics, meter, Response.Ok("Persisted", 1000, customLatencyMs: 7, count: 100), T0, T0, T0 + 7 * Ms);
        Iterate(metrics, meter, Response.Fail("Local_MsgTimedOut", "timed out", count: 3), T0, T0, T0 + 7 * Ms);

        var stats = metrics.Summarize("s", 2, new StepTable(new RunClock(), true));
        Assert.Equal(100, stats.Ok);
        Assert.Equal(3, stats.Fail);
        Assert.Equal(51.5, stats.Rps, 3);
        Assert.Equal(3, Assert.Single(stats.Errors).Count);
        Assert.Equal(100, stats.StatusCodes["Persisted"]);
        Assert.InRange(stats.Latency.P50, 6.9, 7.1);
        var row = Assert.Single(Take(rows, 2));
        Assert.Equal((100, 3), (row.Ok, row.Fail));
        Assert.Equal(51.5, row.Rps, 3);
    }

    [Fact]
    public void A_phase_keeps_its_last_row_until_its_iterations_have_finished_and_then_lends_its_recorders_to_the_next()
    {
        var (metrics, rows, first) = Fixture();
        first.Enter();
        metrics.Started(first, T0, T0);
        rows.End(first, 1.0);
        Assert.Empty(Take(rows, 1.5)); // one iteration of the ended phase is still in flight
        metrics.Finished(first, Response.Ok(), T0, T0, T0 + 1600 * Ms);
        var last = Assert.Single(Take(rows, 2));
        Assert.Equal((1.0, 1L), (last.T, last.Ok)); // the row ends with the phase, whenever it is taken
        Assert.Empty(Take(rows, 3));

        var next = metrics.Open(first.Phase, T0, 2);
        Assert.Same(first.Recorders, next.Recorders);
    }

    private static ScenarioProps Props(bool warmUp) =>
        Scenario.Create("s", _ => Task.FromResult(Response.Ok()))
            .WithLoadSimulations(new KeepConstant(1, TimeSpan.FromSeconds(10)))
            .WithWarmUpDuration(warmUp ? TimeSpan.FromSeconds(1) : TimeSpan.Zero);

    private static (ScenarioMetrics, PhaseRows, PhaseMeter) Fixture(bool warmUp = false)
    {
        var metrics = new ScenarioMetrics(TimeSpan.FromMilliseconds(20), Stopwatch.Frequency);
        var rows = new PhaseRows("s", metrics, null);
        var meter = metrics.Open(LoadPlan.Build(Props(warmUp), 0)[0], T0, 0);
        rows.Begin(meter);
        return (metrics, rows, meter);
    }

    private static ScenarioStats Summarize(ScenarioMetrics metrics) => metrics.Summarize("s", 10, new StepTable(new RunClock(), true));

    private static void Iterate(ScenarioMetrics metrics, PhaseMeter meter, Response response, long intended, long start, long end)
    {
        meter.Enter();
        metrics.Started(meter, intended, start);
        metrics.Finished(meter, response, intended, start, end);
    }

    private static List<IntervalRow> Take(PhaseRows rows, double t)
    {
        var taken = new List<IntervalRow>();
        rows.Take(t, flush: false, (_, _) => (0, 0), taken);
        return taken;
    }

    private static void Record(ScenarioMetrics metrics, PhaseRows rows, PhaseMeter meter, int count, int offset)
    {
        var now = Stopwatch.GetTimestamp();
        for (var i = offset; i < offset + count; i++)
        {
            var response = i % 10 == 0 ? Response.Fail("500", $"unique error {i}") : Response.Ok("200", 100);
            Iterate(metrics, meter, response, now, now, now + i % 5000);
            if (i % 50_000 == 0) Take(rows, 1 + i / 50_000.0);
        }
    }
}
