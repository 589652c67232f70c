namespace LoadLeak.Reporting.Html.Plots;

/// <summary>
/// Shrinks a series for plotting while keeping what the eye needs: every gap, and the minimum
/// and maximum in each bucket (so a GC spike or a latency outlier survives).
/// </summary>
internal static class Downsampler
{
    public const int DefaultBuckets = 600;

    /// <summary>Splits at nulls and non-finite values: a gap in the data stays a gap in the plot.</summary>
    public static List<(double[] Xs, double[] Ys)> Segments(IReadOnlyList<double> xs, IReadOnlyList<double?> ys)
    {
        var segments = new List<(double[], double[])>();
        var sx = new List<double>();
        var sy = new List<double>();
        for (var i = 0; i < xs.Count; i++)
        {
            if (ys[i] is { } y && double.IsFinite(y) && double.IsFinite(xs[i])) { sx.Add(xs[i]); sy.Add(y); continue; }
            Flush();
        }
        Flush();
        return segments;

        void Flush()
        {
            if (sx.Count > 0) segments.Add((sx.ToArray(), sy.ToArray()));
            sx.Clear(); sy.Clear();
        }
    }

    /// <summary>Min/max bucketing of one gap-free segment sorted by x; <paramref name="span"/> is the whole plot's x range.</summary>
    public static (double[] Xs, double[] Ys) MinMax(double[] xs, double[] ys, double span, int buckets = DefaultBuckets)
    {
        var width = span / buckets;
        if (!(width > 0) || xs.Length < 3) return (xs, ys);
        var bucketsCovered = (int)Math.Ceiling((xs[^1] - xs[0]) / width) + 1;
        if (xs.Length <= 2 * bucketsCovered) return (xs, ys);
        var keep = new List<int>(2 * buckets + 2) { 0 };
        var start = 0;
        while (start < xs.Length)
        {
            var bucket = Math.Floor(xs[start] / width);
            int min = start, max = start, end = start;
            while (end < xs.Length && Math.Floor(xs[end] / width) == bucket)
            {
                if (ys[end] < ys[min]) min = end;
                if (ys[end] > ys[max]) max = end;
                end++;
            }
            keep.Add(Math.Min(min, max));
            keep.Add(Math.Max(min, max));
            start = end;
        }
        keep.Add(xs.Length - 1);
        var indices = keep.Distinct().Order().ToArray();
        return (indices.Select(i => xs[i]).ToArray(), indices.Select(i => ys[i]).ToArray());
    }
}
