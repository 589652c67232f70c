using HdrHistogram;
using LoadLeak.Cluster.Merging;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;

namespace LoadLeak.Tests.LoadLeak.Cluster;

public class HistogramMergeTests
{
    [Fact]
    public void Merged_percentiles_equal_those_of_the_union_of_the_agents_samples()
    {
        var random = new Random(42);
        var union = NewHistogram();
        var sum = new HistogramSum();
        // Three agents with different latency profiles, one with a slow tail.
        foreach (var (count, median, tail) in new[] { (20_000, 800.0, 0.001), (15_000, 1_500.0, 0.01), (5_000, 400.0, 0.05) })
        {
            var agent = NewHistogram();
            for (var i = 0; i < count; i++)
            {
                var micros = (long)Math.Max(1, median * Math.Exp(0.6 * Gaussian(random)) * (random.NextDouble() < tail ? 40 : 1));
                agent.RecordValue(micros);
                union.RecordValue(micros);
            }
            Assert.True(sum.TryAdd(HistogramCodec.Encode(agent)));
        }

        var merged = sum.Histogram;
        Assert.Equal(40_000, merged.TotalCount);
        Assert.Equal(union.TotalCount, merged.TotalCount);
        foreach (var percentile in new[] { 50.0, 90.0, 99.0, 99.9 })
            Assert.Equal(union.GetValueAtPercentile(percentile), merged.GetValueAtPercentile(percentile));
        Assert.Equal(union.GetMaxValue(), merged.GetMaxValue());
        Assert.Equal(LatencyHistograms.Summarize(union), sum.Summary());
    }

    [Fact]
    public void The_encoding_round_trips_every_bucket()
    {
        var histogram = NewHistogram();
        foreach (var micros in new long[] { 1, 2, 999, 1_000, 1_001, 123_456, 3_600_000_000 }) histogram.RecordValueWithCount(micros, micros % 7 + 1);

        Assert.True(HistogramCodec.TryDecode(HistogramCodec.Encode(histogram), out var decoded));

        Assert.Equal(histogram.TotalCount, decoded!.TotalCount);
        Assert.Equal(histogram.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)),
            decoded.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)));
    }

    [Fact]
    public void An_empty_histogram_adds_nothing()
    {
        var sum = new HistogramSum();
        Assert.True(sum.TryAdd(HistogramCodec.Encode(NewHistogram())));
        Assert.Equal(0, sum.TotalCount);
        Assert.Equal(LatencySummary.Empty, sum.Summary());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    [InlineData("AAAAAAAAAAA=")]
    public void Garbage_does_not_decode_and_does_not_throw(string? encoded)
    {
        var sum = new HistogramSum();
        Assert.False(sum.TryAdd(encoded));
        Assert.Equal(0, sum.TotalCount);
    }

    private static LongHistogram NewHistogram() => new(1, LatencyHistograms.HighestMicros, 3);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
