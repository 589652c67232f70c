using HdrHistogram;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Merging;

/// <summary>
/// The exact sum of histograms: bucket counts add, so percentiles of the sum are the percentiles of the union
/// of all recorded values (to the engine's 3 significant digits, like any single histogram). Not thread-safe.
/// </summary>
internal sealed class HistogramSum
{
    private readonly LongHistogram _sum = new(1, LatencyHistograms.HighestMicros, 3);

    public long TotalCount => _sum.TotalCount;

    public HistogramBase Histogram => _sum;

    public void Add(HistogramBase histogram) => _sum.Add(histogram);

    /// <summary>Adds an encoded histogram; false when it does not decode or does not fit the engine's range.</summary>
    public bool TryAdd(string? encoded)
    {
        if (!HistogramCodec.TryDecode(encoded, out var histogram)) return false;
        try
        {
            _sum.Add(histogram!);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    public LatencySummary Summary() => LatencyHistograms.Summarize(_sum);
}
