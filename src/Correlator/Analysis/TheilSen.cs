namespace LoadLeak.Correlator.Analysis;

/// <summary>Theil-Sen slope: the median of all pairwise slopes, robust to outliers and GC steps.</summary>
internal static class TheilSen
{
    public static double Slope(IReadOnlyList<double> t, IReadOnlyList<double> y)
    {
        if (t.Count != y.Count) throw new ArgumentException("t and y differ in length");
        var slopes = new List<double>(t.Count * (t.Count - 1) / 2);
        for (var i = 0; i < t.Count - 1; i++)
            for (var j = i + 1; j < t.Count; j++)
                if (t[j] != t[i]) slopes.Add((y[j] - y[i]) / (t[j] - t[i]));
        return Median(slopes);
    }

    public static double SlopeByIndex(IReadOnlyList<double> y) =>
        Slope(Enumerable.Range(1, y.Count).Select(i => (double)i).ToArray(), y);

    public static double Median(List<double> values)
    {
        if (values.Count == 0) return 0;
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
