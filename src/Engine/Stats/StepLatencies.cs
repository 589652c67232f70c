using HdrHistogram;

namespace LoadLeak.Engine.Stats;

/// <summary>
/// Successful step latencies in HdrHistogram's buckets (µs, 1 µs to 1 h, 3 significant digits, as
/// <see cref="LatencyHistograms"/>), counted with one Interlocked add per step. HdrHistogram's own thread-safe
/// histogram takes four (a writer phaser on both sides, the bucket and a shared total), all on lines every core
/// recording the step contends for. Here each core counts into its own shard, allocated a power-of-two range
/// (1024 buckets, 8 KB) at a time as values land in it. <see cref="ToHistogram"/> adds the shards into a
/// HdrHistogram with the same buckets, so percentiles are exactly what recording into one directly would give.
/// </summary>
internal sealed class StepLatencies
{
    private const int MaxShards = 16;

    // Bucket geometry for lowest 1, 3 digits: 2048 sub-buckets (half 1024), the first bucket at unit resolution.
    private const int SubBucketHalfCountMagnitude = 10;
    private const int SubBucketHalfCount = 1 << SubBucketHalfCountMagnitude;
    private const long SubBucketMask = (2L * SubBucketHalfCount) - 1;
    private const int LeadingZeroCountBase = 64 - SubBucketHalfCountMagnitude - 1;

    private static readonly int RangeCount = (IndexOf(LatencyHistograms.HighestMicros) >> SubBucketHalfCountMagnitude) + 1;
    private static readonly int ShardMask =
        (int)Math.Min(MaxShards, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount)) - 1;

    // [shard][range][bucket within the range]
    private readonly long[]?[][] _shards = Enumerable.Range(0, ShardMask + 1).Select(_ => new long[]?[RangeCount]).ToArray();

    public void Record(long micros, long count)
    {
        var index = IndexOf(micros);
        var ranges = _shards[Thread.GetCurrentProcessorId() & ShardMask];
        var range = ranges[index >> SubBucketHalfCountMagnitude] ?? Allocate(ranges, index >> SubBucketHalfCountMagnitude);
        Interlocked.Add(ref range[index & (SubBucketHalfCount - 1)], count);
    }

    /// <summary>Call after the recording threads are done (or accept a count in flight).</summary>
    public HistogramBase ToHistogram()
    {
        var histogram = new LongHistogram(1, LatencyHistograms.HighestMicros, 3);
        foreach (var ranges in _shards)
        {
            for (var r = 0; r < ranges.Length; r++)
            {
                if (Volatile.Read(ref ranges[r]) is not { } range) continue;
                for (var i = 0; i < range.Length; i++)
                {
                    var count = Volatile.Read(ref range[i]);
                    if (count > 0) histogram.RecordValueWithCount(ValueAt((r << SubBucketHalfCountMagnitude) + i), count);
                }
            }
        }
        return histogram;
    }

    private static long[] Allocate(long[]?[] ranges, int range)
    {
        Interlocked.CompareExchange(ref ranges[range], new long[SubBucketHalfCount], null);
        return ranges[range]!;
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
