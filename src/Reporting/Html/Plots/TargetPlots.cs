using LoadLeak.Reporting.Formatting;
using LoadLeak.Results;

namespace LoadLeak.Reporting.Html.Plots;

/// <summary>The target's state on the same time axis as the load: memory, handles, GC pauses.</summary>
internal static class TargetPlots
{
    /// <summary>One deferred renderer per plot, so the section can draw them in parallel.</summary>
    public static IEnumerable<Func<RenderedPlot?>> Plots(RunDocument doc, TimeAxis axis)
    {
        if (doc.Samples.Count == 0 && doc.Retained.Count == 0) yield break;
        var samples = doc.Samples.OrderBy(s => s.T).ToList();
        yield return () => Memory(doc, axis, samples);
        yield return () => Handles(axis, samples);
        yield return () => Single(axis, samples, GcPause);
        yield return () => Single(axis, samples, Cpu);
    }

    private static RenderedPlot? Memory(RunDocument doc, TimeAxis axis, List<TargetSample> samples)
    {
        var xs = samples.Select(s => s.T).ToList();
        List<double?> Mb(Func<TargetSample, double?> pick) => samples.Select(s => pick(s) / Units.MB).ToList();

        var memory = new TimelinePlot(axis, "Memory (MB)");
        memory.Line("GC heap", xs, Mb(s => s.GcHeapBytes), Palette.Blue);
        memory.Line("heap after GC", xs, Mb(s => s.PostGcHeapBytes), Palette.Green);
        memory.Line("working set", xs, Mb(s => s.WorkingSetBytes), Palette.Orange, LineKind.Dashed);
        memory.Line("RSS", xs, Mb(s => s.RssBytes), Palette.Vermillion, LineKind.Dotted);
        var retained = doc.Retained.Where(r => double.IsFinite(r.T) && double.IsFinite(r.HeapBytes)).ToList();
        memory.Canvas.AddPoints("retained (after forced full GC)",
            retained.Select(r => r.T).ToArray(), retained.Select(r => r.HeapBytes / Units.MB).ToArray(), Palette.Black);
        return memory.Render("Target memory", "plot-mem-");
    }

    private static RenderedPlot? Handles(TimeAxis axis, List<TargetSample> samples)
    {
        var xs = samples.Select(s => s.T).ToList();
        List<double?> Raw(Func<TargetSample, double?> pick) => samples.Select(pick).ToList();
        var handles = new TimelinePlot(axis, "Count");
        // Two thread series, each with its own gaps; older run.json files have only the legacy one.
        if (samples.Any(s => s.OsThreads is not null || s.ThreadPoolThreads is not null))
        {
            handles.Line("OS threads", xs, Raw(s => s.OsThreads), Palette.Blue);
            handles.Line("thread-pool threads", xs, Raw(s => s.ThreadPoolThreads), Palette.Green, LineKind.Dashed);
        }
        else handles.Line("threads", xs, Raw(s => s.Threads), Palette.Blue);
        handles.Line("timers", xs, Raw(s => s.Timers), Palette.Orange, LineKind.Dashed);
        handles.Line("file descriptors", xs, Raw(s => s.Fds), Palette.Purple, LineKind.Dotted);
        return handles.Render("Target threads, timers and file descriptors", "plot-handles-");
    }

    private sealed record OneSeries(
        string Title, string IdPrefix, string YLabel, string Label, Func<TargetSample, double?> Pick, string Color, string? ClipUnit);

    private static readonly OneSeries GcPause = new("Target GC pause time", "plot-gc-", "GC pause (ms per sample)", "GC pause", s => s.GcPauseMs,
        Palette.Vermillion, " ms");
    private static readonly OneSeries Cpu = new("Target CPU", "plot-cpu-", "CPU (cores busy)", "CPU", s => s.Cpu, Palette.Sky, null);

    private static RenderedPlot? Single(TimeAxis axis, List<TargetSample> samples, OneSeries series)
    {
        var plot = new TimelinePlot(axis, series.YLabel);
        plot.Line(series.Label, samples.Select(s => s.T).ToList(), samples.Select(series.Pick).ToList(), series.Color);
        return plot.Render(series.Title, series.IdPrefix, clipOutliers: series.ClipUnit is not null, unit: series.ClipUnit ?? "");
    }
}
