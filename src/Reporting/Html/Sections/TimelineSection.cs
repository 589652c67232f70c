using System.Text;
using LoadLeak.Reporting.Html.Plots;
using LoadLeak.Results;

namespace LoadLeak.Reporting.Html.Sections;

/// <summary>Load and target plotted over the same seconds, phases shaded, events marked.</summary>
internal sealed class TimelineSection : IHtmlSection
{
    public string Id => "timeline";
    public string Label => "Timeline";
    public bool Applies(RunDocument doc) => doc.Intervals.Count > 0 || doc.Samples.Count > 0;

    public void Write(StringBuilder html, RunDocument doc)
    {
        var axis = TimeAxis.From(doc);
        HtmlTable.Section(html, Id, "Timeline",
            "All plots share one time axis (seconds since the run started). Shaded bands are the load phases; red dashed lines are events. Gaps " +
                "are missing samples.");
        var load = Draw(LoadPlots.Plots(doc, axis));
        if (load.Count > 0) html.Append("<h3>Load</h3>\n");
        foreach (var plot in load) PlotFigure.Write(html, plot);
        var target = Draw(TargetPlots.Plots(doc, axis));
        if (target.Count > 0) html.Append("<h3>Target</h3>\n");
        foreach (var plot in target) PlotFigure.Write(html, plot);
    }

    /// <summary>Rasterising dominates the render time and the plots are independent: draw them side by side.</summary>
    private static List<RenderedPlot> Draw(IEnumerable<Func<RenderedPlot?>> plots) =>
        plots.AsParallel().AsOrdered().Select(draw => draw()).OfType<RenderedPlot>().ToList();
}
