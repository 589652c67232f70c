using System.Globalization;
using LoadLeak.Results;
using ScottPlot;

namespace LoadLeak.Reporting.Html.Plots;

/// <summary>A plot over run time with the phase bands and the events drawn behind and across the data.</summary>
internal sealed class TimelinePlot
{
    private static readonly string[] BandFills = ["#0072B2", "#009E73"];
    private readonly TimeAxis _axis;

    public PlotCanvas Canvas { get; }

    public TimelinePlot(TimeAxis axis, string yLabel)
    {
        _axis = axis;
        Canvas = new PlotCanvas("Time since start (s)", yLabel);
        AddBands();
    }

    public void Line(string label, IReadOnlyList<double> xs, IReadOnlyList<double?> ys, string color, LineKind kind = LineKind.Solid) =>
        Canvas.AddLine(label, xs, ys, color, kind, _axis.Span);

    /// <param name="clipOutliers">Cap the y axis above rare spikes, and say so in the title.</param>
    public RenderedPlot? Render(string title, string idPrefix, bool clipOutliers = false, string unit = "")
    {
        if (!Canvas.HasData) return null;
        var cap = clipOutliers ? Canvas.OutlierCap() : null;
        if (cap is { } c)
            title += $" — y axis clipped at {c.ToString("0.#", CultureInfo.InvariantCulture)}{unit} (max " +
                $"{Canvas.YMax.ToString("0.#", CultureInfo.InvariantCulture)}{unit})";
        var (bottom, top) = Canvas.YRange(cap);
        AddBandLabels(top);
        AddEvents(top);
        Canvas.Plot.Axes.SetLimits(_axis.Start, _axis.End, bottom, top);
        return new RenderedPlot(title, Canvas.ToSvg(PlotCanvas.Height, idPrefix, title), Canvas.Legend);
    }

    private void AddBands()
    {
        var loadIndex = 0;
        foreach (var phase in _axis.Bands)
        {
            var (fill, alpha) = phase.Kind switch
            {
                PhaseKind.WarmUp => ("#7F7F7F", 0.14),
                PhaseKind.Pause => ("#7F7F7F", 0.06),
                _ => (BandFills[loadIndex++ % BandFills.Length], 0.07),
            };
            var span = Canvas.Plot.Add.HorizontalSpan(phase.Start, phase.End, Color.FromHex(fill).WithAlpha(alpha));
            span.LineWidth = 0;
        }
    }

    private void AddBandLabels(double top)
    {
        // Labels only when there is room for them: a hundred one-second phases would be noise.
        var minWidth = _axis.Span * 0.04;
        foreach (var phase in _axis.Bands.Where(p => p.End - p.Start >= minWidth).Take(40))
        {
            var text = Canvas.Plot.Add.Text(Shorten(phase.Name, phase.End - phase.Start), (phase.Start + phase.End) / 2, top);
            text.LabelFontSize = 11;
            text.LabelFontColor = Color.FromHex("#444444");
            text.LabelAlignment = Alignment.UpperCenter;
            text.OffsetY = 4;
        }
    }

    private void AddEvents(double top)
    {
        foreach (var e in _axis.Events.Take(60))
        {
            Canvas.AddVerticalLine(e.T, Palette.Event, LineKind.Dashed);
        }
        if (_axis.Events.Count > 0)
        {
            var kinds = string.Join(", ", _axis.Events.Select(e => e.Kind.ToJsonName()).Distinct().Take(4));
            Canvas.AddLegend(new LegendEntry("events (" + kinds + ")", Palette.Event, LineKind.Dashed));
        }
        var lastLabelled = double.NegativeInfinity;
        foreach (var e in _axis.Events.OrderBy(e => e.T).Take(60))
        {
            // Labels closer than ~6 % of the axis would overprint each other; the events table has them all.
            if (e.T - lastLabelled < _axis.Span * 0.06) continue;
            lastLabelled = e.T;
            var text = Canvas.Plot.Add.Text(e.Kind.ToJsonName(), e.T, top);
            text.LabelFontSize = 10;
            text.LabelFontColor = Color.FromHex(Palette.Event);
            text.LabelAlignment = Alignment.UpperLeft;
            text.OffsetX = 3;
            text.OffsetY = 20;
        }
    }

    private string Shorten(string name, double width)
    {
        // About 7 px per character at 11 px; the band's pixel width bounds the label.
        var pixels = width / _axis.Span * (PlotCanvas.Width - 100);
        var max = Math.Max(3, (int)(pixels / 7));
        return name.Length <= max ? name : name[..Math.Max(1, max - 1)] + "…";
    }

    public static string Seconds(double t) => t.ToString("0.#", CultureInfo.InvariantCulture);
}
