using HdrHistogram;
using LoadLeak.Cluster.Merging;
using LoadLeak.Cluster.Protocol;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;

namespace LoadLeak.Tests.LoadLeak.Cluster;

public class StatsMergerTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Rows_merge_by_scenario_and_second_with_exact_latency()
    {
        var merger = new StatsMerger(Second);
        var a1 = Histogram(1_000, 2_000, 3_000);
        var b1 = Histogram(10_000, 20_000);
        merger.Add("a", Row(1, "http", 1.003, ok: 3, rps: 3.0, a1));
        merger.Add("b", Row(1, "http", 0.998, ok: 2, rps: 2.0, b1));
        merger.Add("a", Row(2, "http", 2.001, ok: 4, rps: 4.0, Histogram(1_000, 1_000, 1_000, 1_000)));
        merger.Add("a", Row(3, "grpc", 1.002, ok: 7, rps: 7.0, null));

        var rows = merger.MergedRows();

        Assert.Equal([(1.0, "grpc"), (1.0, "http"), (2.0, "http")], rows.Select(r => (r.T, r.Scenario)));
        var first = rows[1];
        Assert.Equal(5, first.Ok);
        Assert.Equal(5.0, first.Rps, 9);
        var union = Histogram(1_000, 2_000, 3_000, 10_000, 20_000);
        var expected = LatencyHistograms.Summarize(union);
        Assert.Equal((expected.P50, expected.P99), (first.P50, first.P99));
        Assert.Equal((0.0, 0.0), (rows[0].P50, rows[0].P99));
    }

    [Fact]
    public void Without_histograms_the_agents_own_percentiles_give_an_approximation_and_are_counted()
    {
        var merger = new StatsMerger(Second);
        merger.Add("a", Row(1, "http", 1.0, ok: 30, rps: 30, null) with { P50Ms = 2, P99Ms = 9, P99UncorrectedMs = 8 });
        merger.Add("b", Row(1, "http", 1.0, ok: 10, rps: 10, null) with { P50Ms = 6, P99Ms = 40, P99UncorrectedMs = 30 });

        var row = Assert.Single(merger.MergedRows());

        Assert.Equal((3.0, 40.0, 30.0), (row.P50, row.P99, row.P99Uncorrected));
        Assert.Equal(1, merger.ApproximateRows);
        // The live relay merges every second: the count is of rows, not of merges.
        merger.MergedRows();
        merger.MergedRows();
        Assert.Equal(1, merger.ApproximateRows);
    }

    [Fact]
    public void A_row_that_completed_nothing_is_not_an_approximation()
    {
        var merger = new StatsMerger(Second);
        merger.Add("a", Row(1, "http", 1.0, ok: 0, rps: 0, null) with { P50Ms = 0, P99Ms = 0, P99UncorrectedMs = 0 });
        merger.Add("b", Row(1, "http", 1.0, ok: 0, rps: 0, null) with { P50Ms = 0, P99Ms = 0, P99UncorrectedMs = 0 });

        var row = Assert.Single(merger.MergedRows());

        Assert.Equal((0.0, 0.0), (row.P50, row.P99));
        Assert.Equal(0, merger.ApproximateRows);
    }

    // Seen in a cluster run at 20 requests/s: the engine counts a request before recording its latency, so a tick between
    // the two leaves a row with one request and an empty histogram. That is not a missing histogram.
    [Fact]
    public void A_row_whose_histograms_arrived_empty_is_not_an_approximation()
    {
        var merger = new StatsMerger(Second);
        merger.Add("a", Row(1, "http", 1.0, ok: 1, rps: 1, Histogram()) with { P50Ms = 0, P99Ms = 0, P99UncorrectedMs = 0 });
        merger.Add("b", Row(1, "http", 1.0, ok: 0, rps: 0, Histogram()) with { P50Ms = 0, P99Ms = 0, P99UncorrectedMs = 0 });

        var row = Assert.Single(merger.MergedRows());

        Assert.Equal(1, row.Ok);
        Assert.Equal(0, merger.ApproximateRows);
    }

    [Fact]
    public void A_resent_message_counts_once()
    {
        var merger = new StatsMerger(Second);
        Assert.True(merger.Add("a", Row(1, "http", 1, ok: 3, rps: 3, null)));
        Assert.False(merger.Add("a", Row(1, "http", 1, ok: 3, rps: 3, null)));
        Assert.True(merger.Add("b", Row(1, "http", 1, ok: 3, rps: 3, null)));
        Assert.Equal(6, merger.MergedRows().Single().Ok);
    }

    [Fact]
    public void Two_rows_of_one_agent_in_one_slot_add_counts_but_not_rates()
    {
        // The engine's final, partial interval can land next to a regular tick.
        var merger = new StatsMerger(Second);
        merger.Add("a", Row(1, "http", 10.0, ok: 100, rps: 100, null));
        merger.Add("a", Row(2, "http", 10.3, ok: 30, rps: 100, null));
        var row = merger.MergedRows().Single();
        Assert.Equal(130, row.Ok);
        Assert.Equal(100, row.Rps, 9);
    }

    [Fact]
    public void A_boundary_inside_an_interval_keeps_each_phase_its_own_requests()
    {
        // Issue 17: each agent's engine splits the interval at the boundary (10.6 s); merged by interval alone, the two
        // short rows became one row of one phase, and a Pause took the 8-copy phase's requests (or the reverse).
        const string load = "9 KeepConstant(8, 00:00:10)", pause = "10 Pause(00:00:05)";
        var merger = new StatsMerger(Second);
        foreach (var (agent, lag) in new[] { ("a", 0.0), ("b", 0.004) })
        {
            var seq = 0;
            merger.Add(agent, Row(++seq, "http", 10.0 + lag, ok: 1000, rps: 1000, null) with { Phase = load });
            merger.Add(agent, Row(++seq, "http", 10.6, ok: 600, rps: 1000, null) with { Phase = load });
            merger.Add(agent, Row(++seq, "http", 11.0 + lag, ok: 0, rps: 0, null) with { Phase = pause });
            merger.Add(agent, Row(++seq, "http", 12.0 + lag, ok: 0, rps: 0, null) with { Phase = pause });
        }

        var rows = merger.MergedRows();

        Assert.Equal([(10.0, load, 2000L), (10.6, load, 1200L), (11.0, pause, 0L), (12.0, pause, 0L)],
            rows.Select(r => (r.T, r.Phase, r.Ok)));
        Assert.Equal(2000, rows[1].Rps, 9);
    }

    [Fact]
    public void Total_latency_leaves_out_the_warm_up_and_counts_undecodable_histograms()
    {
        var merger = new StatsMerger(Second);
        merger.Add("a", Row(1, "http", 1, ok: 1, rps: 1, Histogram(900_000)) with { Phase = "warm-up" });
        merger.Add("a", Row(2, "http", 2, ok: 2, rps: 2, Histogram(1_000, 2_000)));
        merger.Add("b", Row(1, "http", 2, ok: 1, rps: 1, null) with { Corrected = "garbage" });

        var (corrected, _, count) = merger.TotalLatency("http");

        Assert.Equal(2, count);
        Assert.Equal(2.0, corrected.Max, 2);
        Assert.Equal(1, merger.UndecodableHistograms);
    }

    private static IntervalStats Row(long seq, string scenario, double t, long ok, double rps, HistogramBase? histogram) =>
        new(seq, scenario, t, "1 Inject(5, 00:00:01, 00:00:10)", ok, 0, 10 * ok, 0, 0, 1, 5, rps,
            histogram is null ? null : HistogramCodec.Encode(histogram), histogram is null ? null : HistogramCodec.Encode(histogram));

    private static LongHistogram Histogram(params long[] micros)
    {
        var histogram = new LongHistogram(1, LatencyHistograms.HighestMicros, 3);
        foreach (var value in micros) histogram.RecordValue(value);
        return histogram;
    }
}
