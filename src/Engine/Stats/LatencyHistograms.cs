using HdrHistogram;
using LoadLeak.Results;

namespace LoadLeak.Engine.Stats;

/// <summary>
/// HdrHistogram conventions of the engine: microseconds from 1 µs to 1 h, 3 significant digits.
/// Recorders are wait-free for writers, so iterations never take a lock to record.
/// </summary>
public static class LatencyHistograms
{
    public const long HighestMicros = 3_600_000_000;

    public static Recorder NewRecorder() =>
        HistogramFactory.With64BitBucketSize()
            .WithValuesFrom(1)
            .WithValuesUpTo(HighestMicros)
            .WithPrecisionOf(3)
            .WithThreadSafeWrites()
            .WithThreadSafeReads()
            .Create();

    /// <summary>A histogram one thread writes (the reporter's merges and totals).</summary>
    public static HistogramBase NewHistogram() =>
        HistogramFactory.With64BitBucketSize()
            .WithValuesFrom(1)
            .WithValuesUpTo(HighestMicros)
            .WithPrecisionOf(3)
            .Create();

    /// <summary>Clamps into the trackable range: a 0 µs custom latency or a 2 h hang must not throw on the hot path.</summary>
    public static long ToMicros(double milliseconds) =>
        double.IsNaN(milliseconds) ? 1 : (long)Math.Clamp(Math.Round(milliseconds * 1000), 1, HighestMicros);

    public static LatencySummary Summarize(HistogramBase histogram)
    {
        if (histogram.TotalCount == 0) return LatencySummary.Empty;
        static double Ms(double micros) => micros / 1000.0;
        return new LatencySummary(
            Ms(histogram.GetValueAtPercentile(50)),
            Ms(histogram.GetValueAtPercentile(75)),
            Ms(histogram.GetValueAtPercentile(90)),
            Ms(histogram.GetValueAtPercentile(95)),
            Ms(histogram.GetValueAtPercentile(99)),
            Ms(histogram.GetValueAtPercentile(99.9)),
            Ms(histogram.GetMaxValue()),
            Ms(histogram.GetMean()),
            Ms(histogram.GetStdDeviation()));
    }
}
