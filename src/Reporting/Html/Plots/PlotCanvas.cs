using ScottPlot;

namespace LoadLeak.Reporting.Html.Plots;

/// <summary>
/// A ScottPlot plot with the report's look: fixed margins (so stacked plots align), sans-serif
/// axis text, no in-SVG legend, gaps kept as gaps.
/// </summary>
internal sealed class PlotCanvas
{
    public const int Width = 1200;
    public const int Height = 280;
    private const string PreferredFont = "DejaVu Sans";
    private readonly List<LegendEntry> _legend = [];
    private double _yMin = double.PositiveInfinity;
    private double _yMax = double.NegativeInfinity;
    private readonly List<double> _values = [];

    public Plot Plot { get; } = new();
    public StrokePatterns Strokes { get; } = new();
    public IReadOnlyList<LegendEntry> Legend => _legend;
    public bool HasData => double.IsFinite(_yMax);
    public double YMax => _yMax;

    public PlotCanvas(string xLabel, string yLabel)
    {
        // ScottPlot falls back to a serif face when a name is missing; ask for a sans one that exists.
        Plot.Font.Set(Fonts.GetTypeface(PreferredFont, false, false)?.FamilyName == PreferredFont ? PreferredFont : Fonts.Sans);
        Plot.XLabel(xLabel, 13);
        Plot.YLabel(yLabel, 13);
        Plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        Plot.Axes.Left.TickLabelStyle.FontSize = 12;
        Plot.Grid.MajorLineColor = Color.FromHex("#000000").WithAlpha(0.08);
        Plot.FigureBackground.Color = Colors.White;
        Plot.DataBackground.Color = Colors.White;
        Plot.Layout.Fixed(new PixelPadding(left: 80, right: 20, bottom: 48, top: 12));
    }

    /// <summary>Adds a series; null values split it into separate lines so nothing is drawn across a gap.</summary>
    public void AddLine(string label, IReadOnlyList<double> xs, IReadOnlyList<double?> ys, string color,
        LineKind kind, double span, double lineWidth = 1.6)
    {
        var segments = Downsampler.Segments(xs, ys);
        if (segments.Count == 0) return;
        foreach (var (sx, sy) in segments)
        {
            var (dx, dy) = Downsampler.MinMax(sx, sy, span);
            var line = Plot.Add.ScatterLine(dx, dy, Strokes.For(color, kind));
            line.LineWidth = (float)lineWidth;
            if (dx.Length == 1) { line.MarkerShape = MarkerShape.FilledCircle; line.MarkerSize = 4; }
            Track(dy);
        }
        _legend.Add(new LegendEntry(label, color, kind));
    }

    public void AddPoints(string label, double[] xs, double[] ys, string color,
        MarkerShape shape = MarkerShape.FilledDiamond, LineKind legendKind = LineKind.Marker)
    {
        if (xs.Length == 0) return;
        Plot.Add.Markers(xs, ys, shape, 9, Color.FromHex(color));
        Track(ys);
        _legend.Add(new LegendEntry(label, color, legendKind));
    }

    public void AddLegend(LegendEntry entry) => _legend.Add(entry);

    public void AddVerticalLine(double x, string color, LineKind kind, float width = 1.5f) =>
        Plot.Add.VerticalLine(x, width, Strokes.For(color, kind), LinePattern.Solid);

    public string ToSvg(int height, string idPrefix, string title) =>
        SvgInliner.Inline(Plot.GetSvgXml(Width, height), idPrefix, title, Strokes);

    public void IncludeY(double y)
    {
        if (!double.IsFinite(y)) return;
        _yMin = Math.Min(_yMin, y);
        _yMax = Math.Max(_yMax, y);
        _values.Add(y);
    }

    /// <summary>
    /// A cap for the y axis when a few outliers (a broker outage, a GC storm) would flatten
    /// everything else into the floor; null when the data has no such outliers.
    /// </summary>
    public double? OutlierCap()
    {
        if (_values.Count < 50) return null;
        var sorted = _values.Order().ToList();
        var q = sorted[(int)(sorted.Count * 0.995)];
        return q > 0 && _yMax > 4 * q ? q * 1.5 : null;
    }

    /// <summary>Y range with headroom above for phase labels; starts at zero for non-negative data.</summary>
    public (double Bottom, double Top) YRange(double? cap = null)
    {
        if (!HasData) return (0, 1);
        var bottom = Math.Min(0, _yMin);
        var max = cap ?? _yMax;
        var top = max <= bottom ? bottom + 1 : max;
        return (bottom, top + (top - bottom) * 0.18);
    }

    private void Track(double[] ys)
    {
        foreach (var y in ys) IncludeY(y);
    }
}
