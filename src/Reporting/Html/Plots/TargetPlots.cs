using LoadLeak.Reporting.Formatting;
using LoadLeak.Reporting.Model;

namespace LoadLeak.Reporting.Html.Plots;

/// <summary>The target's state on the same time axis as the load: memory, handles, GC pauses.</summary>
public static class TargetPlots
{
    public static IEnumerable<RenderedPlot> Render(RunDocument doc, TimeAxis axis)
    {
        if (doc.Samples.Count == 0 && doc.Retained.Count == 0) yield break;
        var samples = doc.Samples.OrderBy(s => s.T).ToList();
        var xs = samples.Select(s => s.T).ToList();
        List<double?> Mb(Func<SampleDto, double?> pick) => samples.Select(s => pick(s) / Units.MB).ToList();
        List<double?> Raw(Func<SampleDto, double?> pick) => samples.Select(pick).ToList();

        var memory = new TimelinePlot(axis, "Memory (MB)");
        memory.Line("GC heap", xs, Mb(s => s.GcHeapBytes), Palette.Blue);
        memory.Line("heap after GC", xs, Mb(s => s.PostGcHeapBytes), Palette.Green);
        memory.Line("working set", xs, Mb(s => s.WorkingSetBytes), Palette.Orange, LineKind.Dashed);
        memory.Line("RSS", xs, Mb(s => s.RssBytes), Palette.Vermillion, LineKind.Dotted);
        var retained = doc.Retained.Where(r => double.IsFinite(r.T) && double.IsFinite(r.HeapBytes)).ToList();
        memory.Canvas.AddPoints("retained (after forced full GC)",
            retained.Select(r => r.T).ToArray(), retained.Select(r => r.HeapBytes / Units.MB).ToArray(), Palette.Black);
        if (memory.Render("Target memory", "plot-mem-") is { } m) yield return m;

        var handles = new TimelinePlot(axis, "Count");
        handles.Line("threads", xs, Raw(s => s.Threads), Palette.Blue);
        handles.Line("timers", xs, Raw(s => s.Timers), Palette.Orange, LineKind.Dashed);
        handles.Line("file descriptors", xs, Raw(s => s.Fds), Palette.Purple, LineKind.Dotted);
        if (handles.Render("Target threads, timers and file descriptors", "plot-handles-") is { } h) yield return h;

        var pauses = new TimelinePlot(axis, "GC pause (ms per sample)");
        pauses.Line("GC pause", xs, Raw(s => s.GcPauseMs), Palette.Vermillion);
        if (pauses.Render("Target GC pause time", "plot-gc-", clipOutliers: true, unit: " ms") is { } g) yield return g;

        var cpu = new TimelinePlot(axis, "CPU (cores busy)");
        cpu.Line("CPU", xs, Raw(s => s.Cpu), Palette.Sky);
        if (cpu.Render("Target CPU", "plot-cpu-") is { } c) yield return c;
    }
}
