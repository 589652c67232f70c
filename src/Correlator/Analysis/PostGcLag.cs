using LoadLeak.Results;

namespace LoadLeak.Correlator.Analysis;

/// <summary>
/// How late the post-GC heap counter reports a GC. The runtime meter publishes the last GC's heap size
/// at its next collection tick, EventPipe delivers it a little later, and the sample carries the end of
/// its second: on this machine a GC showed up in the series 1.3–2.7 s after it happened. For a trend
/// that is noise, but for attribution it is a bias: every reading describes an earlier load than its
/// timestamp says, so a scenario that is busiest late in the run looks like it explains the growth.
/// The induced full GCs carry their exact time, and the counter repeats each one's heap size to the
/// byte, which measures the lag in every run.
/// </summary>
internal static class PostGcLag
{
    /// <summary>A match further apart than this is a coincidence of values, not the same GC.</summary>
    public const double MaxLagSeconds = 5;

    /// <summary>
    /// The median delay from an induced full GC to the first post-GC reading that repeats its heap size;
    /// 0 when no reading does (no marks, or a counter that never saw them).
    /// </summary>
    public static double Estimate(IReadOnlyList<SeriesPoint> readings, IReadOnlyList<RetainedMark> fullGcs)
    {
        var lags = new List<double>();
        foreach (var mark in fullGcs)
        {
            var size = CounterValue(mark);
            var match = readings.FirstOrDefault(r => r.Value == size && r.T >= mark.T && r.T - mark.T <= MaxLagSeconds);
            if (match != default) lags.Add(match.T - mark.T);
        }
        return lags.Count == 0 ? 0 : TheilSen.Median(lags);
    }

    /// <summary>What the post-GC counter reports for the mark's GC: the heap with its free space.</summary>
    public static double CounterValue(RetainedMark mark) => mark.HeapSizeBytes ?? mark.HeapBytes;

    /// <summary>The readings moved back to when their GCs happened.</summary>
    public static List<SeriesPoint> Align(IReadOnlyList<SeriesPoint> readings, double lag) =>
        lag <= 0 ? [.. readings] : readings.Select(r => r with { T = r.T - lag }).ToList();
}
