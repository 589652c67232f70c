using LoadLeak.Results;
using ScottPlot;

namespace LoadLeak.Reporting.Html.Plots;

/// <summary>Measured throughput against concurrency with the fitted Universal Scalability Law curve.</summary>
internal static class CapacityPlot
{
    /// <summary>X(N) = λN / (1 + σ(N−1) + κN(N−1)).</summary>
    public static double Usl(CapacityResult c, double n) => c.Lambda * n / (1 + c.Sigma * (n - 1) + c.Kappa * n * (n - 1));

    public static RenderedPlot? Render(CapacityResult capacity)
    {
        var points = capacity.Points.Where(p => double.IsFinite(p.Concurrency) && double.IsFinite(p.Throughput)).ToList();
        if (points.Count == 0) return null;
        var canvas = new PlotCanvas("Concurrency N (copies)", "Throughput X (req/s)");
        var groups = points.GroupBy(p => p.Scenario).ToList();
        for (var i = 0; i < groups.Count; i++)
            canvas.AddPoints(groups[i].Key + " measured", groups[i].Select(p => p.Concurrency).ToArray(),
                groups[i].Select(p => p.Throughput).ToArray(), Palette.ForIndex(i), MarkerShape.FilledCircle, LineKind.Dot);

        var peak = double.IsFinite(capacity.PeakConcurrency) ? capacity.PeakConcurrency : 0;
        var maxN = Math.Max(Math.Max(points.Max(p => p.Concurrency), peak) * 1.2, 2);
        var ns = Enumerable.Range(0, 200).Select(i => 1 + (maxN - 1) * i / 199.0).ToList();
        canvas.AddLine($"USL fit (R² {capacity.RSquared:0.000})", ns, ns.Select(n => (double?)Usl(capacity, n)).ToList(),
            Palette.Vermillion, LineKind.Solid, maxN, 2);
        if (peak > 0)
        {
            canvas.AddVerticalLine(capacity.PeakConcurrency, Palette.Black, LineKind.Dashed, 1.2f);
            canvas.AddLegend(new LegendEntry($"peak N ≈ {capacity.PeakConcurrency:0}", Palette.Black, LineKind.Dashed));
        }
        if (capacity.KneeConcurrency is { } knee && double.IsFinite(knee))
        {
            canvas.AddVerticalLine(knee, Palette.Purple, LineKind.Dotted, 1.5f);
            canvas.AddLegend(new LegendEntry($"SLO knee N ≈ {knee:0}", Palette.Purple, LineKind.Dotted));
        }
        var (bottom, top) = canvas.YRange();
        canvas.Plot.Axes.SetLimits(0, maxN, bottom, top);
        const string title = "Capacity: throughput vs concurrency (USL)";
        return new RenderedPlot(title, canvas.ToSvg(360, "plot-usl-", title), canvas.Legend);
    }
}
