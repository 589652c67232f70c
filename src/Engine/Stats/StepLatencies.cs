using HdrHistogram;

namespace LoadLeak.Engine.Stats;

/// <summary>
/// Successful step latencies in HdrHistogram's buckets (µs, 1 µs to 1 h, 3 significant digits, as
/// <see cref="LatencyHistograms"/>), counted with one Interlocked add per step. HdrHistogram's own thread-safe
/// histogram takes four (a writer phaser on both sides, the bucket and a shared total), which two cores recording
/// the same step make the largest part of a step's cost. <see cref="ToHistogram"/> turns the counts into a
/// HdrHistogram with the same buckets, so percentiles are exactly what recording into one directly would give.
/// </summary>
internal sealed class StepLatencies
{
    // Bucket geometry for lowest 1, 3 digits: 2048 sub-buckets (half 1024), the first bucket at unit resolution.
    private const int SubBucketHalfCountMagnitude = 10;
    private const int SubBucketHalfCount = 1 << SubBucketHalfCountMagnitude;
    private const long SubBucketMask = (2L * SubBucketHalfCount) - 1;
    private const int LeadingZeroCountBase = 64 - SubBucketHalfCountMagnitude - 1;

    private readonly long[] _counts = new long[IndexOf(LatencyHistograms.HighestMicros) + 1];

    public void Record(long micros, long count) => Interlocked.Add(ref _counts[IndexOf(micros)], count);

    /// <summary>Call after the recording threads are done (or accept a count in flight).</summary>
    public HistogramBase ToHistogram()
    {
        var histogram = new LongHistogram(1, LatencyHistograms.HighestMicros, 3);
        for (var i = 0; i < _counts.Length; i++)
        {
            var count = Volatile.Read(ref _counts[i]);
            if (count > 0) histogram.RecordValueWithCount(ValueAt(i), count);
        }
        return histogram;
    }

    /// <param name="micros">1 … <see cref="LatencyHistograms.HighestMicros"/> (<see cref="LatencyHistograms.ToMicros"/> clamps).</param>
    internal static int IndexOf(long micros)
    {
        var bucket = LeadingZeroCountBase - System.Numerics.BitOperations.LeadingZeroCount((ulong)(micros | SubBucketMask));
        var subBucket = (int)(micros >> bucket);
        return ((bucket + 1) << SubBucketHalfCountMagnitude) + subBucket - SubBucketHalfCount;
    }

    /// <summary>The lowest value of the bucket at <paramref name="index"/>.</summary>
    internal static long ValueAt(int index)
    {
        var bucket = (index >> SubBucketHalfCountMagnitude) - 1;
        var subBucket = (index & (SubBucketHalfCount - 1)) + SubBucketHalfCount;
        if (bucket < 0)
        {
            subBucket -= SubBucketHalfCount;
            bucket = 0;
        }
        return (long)subBucket << bucket;
    }
}
