using global::LoadLeak.Cluster.Merging;
using global::LoadLeak.Cluster.Protocol;
using global::LoadLeak.Results;

namespace LoadLeak.Tests.LoadLeak.Cluster;

public sealed class ProbeCollectorTests
{
    [Fact]
    public void Each_newer_live_sample_is_handed_on_once_and_resends_late_arrivals_and_the_final_table_are_not()
    {
        var collector = new ProbeCollector();
        var seen = new List<double>();
        collector.LiveSampleArrived += s => seen.Add(s.T);

        collector.Add(Live(1, 1));
        collector.Add(Live(2, 2));
        collector.Add(Live(3, 2)); // the same second again (a resend)
        collector.Add(Live(4, 4));
        collector.Add(Live(5, 3)); // a late arrival after a NATS gap: older than what the guard already saw
        collector.Add(new ProbeSamples(6, true, [new TargetSample { T = 9, RssBytes = 1 }]));
        collector.Add(new ProbeSamples(7, false, [new TargetSample { T = 6 }, new TargetSample { T = 5 }]));

        Assert.Equal([1, 2, 4, 5, 6], seen);
        Assert.Equal(6, collector.LiveSamples);
    }

    private static ProbeSamples Live(long seq, double t) => new(seq, false, [new TargetSample { T = t, RssBytes = t * 1e6 }]);
}
