using HdrHistogram;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Simulations;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;
using LoadLeak.Tests.Engine.VirtualTime;
using static LoadLeak.Tests.Engine.EngineHarness;

namespace LoadLeak.Tests.Engine;

/// <summary>What a cluster agent needs: each interval's histograms, which a coordinator merges exactly.</summary>
[Collection(EngineRuns.Collection)]
public class IntervalHistogramTests
{
    [Fact]
    public async Task The_interval_histograms_of_a_run_merge_into_exactly_its_totals()
    {
        var clock = new VirtualClock();
        var scenario = Scenario.Create("varied", async ctx =>
            {
                await clock.DelayMs(1 + ctx.InvocationNumber % 37, ctx.CancellationToken);
                return Response.Ok();
            })
            .WithLoadSimulations(new Inject(200, Second, TimeSpan.FromSeconds(1.5)), new Pause(Second), new Inject(100, Second, Second));
        var agent = new CopyingAgent();
        var settings = Settings(0.25, scenario) with { HistogramObserver = agent };

        var result = await RunVirtualAsync(clock, settings);

        Assert.Equal(result.Intervals.Count, agent.Rows.Count);
        // A row reads the counts and takes the histograms one after the other, without a lock against the iterations
        // recording (count, then latency): an iteration finishing between the two lands in adjacent rows' counts and
        // histograms. So the rows agree up to the iterations recording at a take (at most one per running thread), and
        // the run's totals exactly.
        var oks = result.Intervals.Select(r => r.Ok).ToList();
        var counts = agent.Rows.OrderBy(r => r.Row.T).Select(r => r.Corrected.TotalCount).ToList();
        Assert.Equal(oks.Sum(), counts.Sum());
        long drift = 0;
        for (var i = 0; i < oks.Count; i++) Assert.InRange(drift += oks[i] - counts[i], -8, 8);
        var stats = result.Scenarios[0];
        Assert.Equal(stats.Latency, LatencyHistograms.Summarize(Merge(agent.Rows.Select(r => r.Corrected))));
        Assert.Equal(stats.LatencyUncorrected, LatencyHistograms.Summarize(Merge(agent.Rows.Select(r => r.Uncorrected))));
    }

    [Fact]
    public async Task A_throwing_histogram_observer_does_not_stop_the_run()
    {
        var clock = new VirtualClock();
        var scenario = Scenario.Create("s", DelayMs(clock, 5)).WithLoadSimulations(new KeepConstant(1, Second));
        var settings = Settings(0.25, scenario) with { HistogramObserver = new ThrowingAgent() };

        var result = await RunVirtualAsync(clock, settings);

        Assert.Equal(200, result.Scenarios[0].Ok);
        Assert.Equal(200, result.Intervals.Sum(r => r.Ok));
    }

    private static HistogramBase Merge(IEnumerable<HistogramBase> histograms)
    {
        var merged = new LongHistogram(1, LatencyHistograms.HighestMicros, 3);
        foreach (var h in histograms) merged.Add(h);
        return merged;
    }

    private sealed class CopyingAgent : IIntervalHistogramObserver
    {
        public List<(IntervalRow Row, HistogramBase Corrected, HistogramBase Uncorrected)> Rows { get; } = [];

        public void OnIntervalHistograms(IntervalRow row, HistogramBase corrected, HistogramBase uncorrected)
        {
            lock (Rows) Rows.Add((row, corrected.Copy(), uncorrected.Copy()));
        }
    }

    private sealed class ThrowingAgent : IIntervalHistogramObserver
    {
        public void OnIntervalHistograms(IntervalRow row, HistogramBase corrected, HistogramBase uncorrected) =>
            throw new InvalidOperationException("coordinator unreachable");
    }
}
