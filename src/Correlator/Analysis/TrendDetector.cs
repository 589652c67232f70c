using LoadLeak.Results;

namespace LoadLeak.Correlator.Analysis;

/// <summary>
/// The trend of one resource over the load window, on block-reduced points. <see cref="LateTest"/> and
/// <see cref="LateGrowth"/> judge the last half on its own (the same test; growth = its slope times its span).
/// </summary>
internal sealed record TrendEvidence(
    LeakResource Resource, string Source, MannKendallResult Test, double Slope, double LateSlope, double Growth,
    int RawPoints, int TestPoints, double From, double To)
{
    public MannKendallResult? LateTest { get; init; }
    public double LateGrowth { get; init; }
}

/// <summary>Mann-Kendall (Hamed-Rao) plus Theil-Sen on the whole load window and on its last half.</summary>
internal static class TrendDetector
{
    public const int MinTestPoints = 6;
    private const int MinMarks = 5;

    /// <summary>Null when there are too few points to say anything.</summary>
    public static TrendEvidence? Detect(ResourceSeries series, LeakOptions options)
    {
        var fromMarks = series.Source == ResourceSeries.MarksOnly;
        var raw = series.Points;
        if (series.Samples < (fromMarks ? MinMarks : options.MinSamples)) return null;
        var points = fromMarks ? raw : BlockReducer.Reduce(raw, options.MinBlockSeconds, options.MaxTestPoints, series.UseBlockMinimum);
        if (points.Count < MinTestPoints && series.PerSecond is { } perSecond)
        {
            raw = perSecond;
            points = BlockReducer.Reduce(raw, options.MinBlockSeconds, options.MaxTestPoints, series.UseBlockMinimum);
        }
        if (points.Count < MinTestPoints) return null;

        var t = points.Select(p => p.T).ToArray();
        var v = points.Select(p => p.Value).ToArray();
        var test = Significance(v);
        var slope = TheilSen.Slope(t, v);
        var middle = t[0] + (t[^1] - t[0]) / 2;
        var late = points.Where(p => p.T >= middle).ToList();
        var lateT = late.Select(p => p.T).ToArray();
        var lateV = late.Select(p => p.Value).ToArray();
        var lateSlope = late.Count >= 3 ? TheilSen.Slope(lateT, lateV) : slope;
        return new TrendEvidence(series.Resource, series.Source, test, slope, lateSlope, slope * (t[^1] - t[0]),
            raw.Count, points.Count, raw[0].T, raw[^1].T)
        {
            LateTest = late.Count >= MinTestPoints ? Significance(lateV) : null,
            LateGrowth = late.Count >= 3 ? lateSlope * (lateT[^1] - lateT[0]) : 0,
        };
    }

    private static MannKendallResult Significance(double[] v)
    {
        var test = MannKendall.Test(v);
        // A steadily drifting walk (a leak's cumulative growth) is judged on its steps instead, when
        // they say more than Mann-Kendall's persistence-corrected ranks: same sign required.
        if (DriftTest.Test(v) is { } drift && Math.Sign(drift.Z) == Math.Sign(test.S) && drift.P < test.P)
            test = test with { Z = drift.Z, P = drift.P };
        return test;
    }
}
