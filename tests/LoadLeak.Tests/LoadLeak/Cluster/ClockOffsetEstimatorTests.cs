using LoadLeak.Cluster.Timing;
using LoadLeak.Results;

namespace LoadLeak.Tests.LoadLeak.Cluster;

public class ClockOffsetEstimatorTests
{
    [Fact]
    public void The_smallest_round_trip_wins_and_bounds_the_error()
    {
        var estimator = new ClockOffsetEstimator();
        // Member clock = coordinator clock + 5 ms; legs of 3+1 ms, then 1+1 ms, then 10+2 ms.
        const long Offset = 5_000_000;
        estimator.Add(0, 3_000_000 + Offset, 4_000_000);
        estimator.Add(10_000_000, 11_000_000 + Offset, 12_000_000);
        estimator.Add(20_000_000, 30_000_000 + Offset, 32_000_000);

        var best = estimator.Best!;
        Assert.Equal(2_000_000, best.RttNs);
        Assert.Equal(1_000_000, best.ErrorNs);
        Assert.Equal(Offset, best.OffsetNs);
        Assert.Equal(3, best.Samples);
    }

    [Fact]
    public void An_asymmetric_link_stays_within_the_reported_bound()
    {
        var estimator = new ClockOffsetEstimator();
        // All of the RTT on the way out: the midpoint is off by exactly RTT/2.
        estimator.Add(0, 2_000_000 + 7, 2_000_000);
        var best = estimator.Best!;
        Assert.Equal(1_000_000 + 7, best.OffsetNs);
        Assert.Equal(1_000_000, best.ErrorNs);
        Assert.InRange(7, best.OffsetNs - best.ErrorNs, best.OffsetNs + best.ErrorNs);
    }

    [Theory]
    [InlineData(1, -123_456_789_000L)]
    [InlineData(2, 0L)]
    [InlineData(3, 987_654_321_012L)]
    public void A_simulated_jittery_link_converges_within_its_bound(int seed, long trueOffset)
    {
        var random = new Random(seed);
        var estimator = new ClockOffsetEstimator();
        long coordinator = 1_000_000_000;
        for (var i = 0; i < 50; i++)
        {
            // Legs of 50 µs minimum plus exponential queueing up to a few ms, independently each way.
            long Leg() => 50_000 + (long)(-Math.Log(1 - random.NextDouble()) * 800_000);
            var sent = coordinator;
            var answeredAt = sent + Leg();
            var received = answeredAt + 20_000 + Leg();
            estimator.Add(sent, answeredAt + trueOffset, received);
            coordinator = received + 10_000_000;
        }

        var best = estimator.Best!;
        Assert.InRange(trueOffset, best.OffsetNs - best.ErrorNs, best.OffsetNs + best.ErrorNs);
        Assert.True(best.ErrorNs < 200_000, $"50 samples should find a short round trip, best RTT {best.RttNs} ns");
        Assert.Equal(50, best.Samples);
    }

    [Fact]
    public void Impossible_samples_are_ignored()
    {
        var estimator = new ClockOffsetEstimator();
        Assert.False(estimator.Add(10, 5, 9));
        Assert.Null(estimator.Best);
    }
}
