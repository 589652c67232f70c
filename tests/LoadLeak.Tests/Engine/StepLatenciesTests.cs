using HdrHistogram;
using LoadLeak.Engine.Stats;

namespace LoadLeak.Tests.Engine;

public class StepLatenciesTests
{
    [Fact]
    public void Counting_into_its_buckets_gives_the_histogram_that_recording_directly_gives()
    {
        var random = new Random(17);
        var counted = new StepLatencies();
        var direct = new LongHistogram(1, LatencyHistograms.HighestMicros, 3);
        long[] edges = [1, 2, 1023, 1024, 2047, 2048, 2049, 4095, 4096, 1_000_000, LatencyHistograms.HighestMicros - 1, LatencyHistograms.HighestMicros];
        var values = edges.Concat(Enumerable.Range(0, 50_000).Select(_ => (long)Math.Exp(random.NextDouble() * Math.Log(LatencyHistograms.HighestMicros))));
        foreach (var micros in values.Select(v => Math.Clamp(v, 1, LatencyHistograms.HighestMicros)))
        {
            counted.Record(micros, 3);
            direct.RecordValueWithCount(micros, 3);
        }

        var histogram = counted.ToHistogram();
        Assert.Equal(direct.TotalCount, histogram.TotalCount);
        Assert.Equal(LatencyHistograms.Summarize(direct), LatencyHistograms.Summarize(histogram));
        foreach (var percentile in new[] { 0.1, 1, 10, 33.3, 50, 90, 99, 99.99, 100 })
            Assert.Equal(direct.GetValueAtPercentile(percentile), histogram.GetValueAtPercentile(percentile));
    }

    [Fact]
    public void Each_bucket_index_maps_back_to_a_value_in_the_same_bucket()
    {
        for (var index = 0; index <= StepLatencies.IndexOf(LatencyHistograms.HighestMicros); index++)
            Assert.Equal(index, StepLatencies.IndexOf(StepLatencies.ValueAt(index)));
    }
}
