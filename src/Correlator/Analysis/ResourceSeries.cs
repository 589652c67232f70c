using LoadLeak.Correlator.Sampling;

namespace LoadLeak.Correlator.Analysis;

/// <summary>A resource's values over a time range, and how to reduce them to test points.</summary>
public sealed record ResourceSeries(string Resource, string Source, IReadOnlyList<SeriesPoint> Points, bool UseBlockMinimum)
{
    /// <summary>The value of a resource in one sample; null when the sample does not have it.</summary>
    public static double? ValueOf(TargetSample s, string resource) => resource switch
    {
        LeakResources.Heap => s.PostGcHeapBytes,
        LeakResources.Rss => s.RssBytes ?? s.WorkingSetBytes,
        // OS threads include the pool and any dedicated thread that never ends, so a leaked
        // `new Thread` shows here even when the runtime's pool count stays flat.
        LeakResources.Threads => s.OsThreads ?? s.Threads,
        LeakResources.Timers => s.Timers,
        LeakResources.Fds => s.Fds,
        _ => null,
    };

    /// <summary>
    /// Points with T in [from, to]. Heap prefers the post-GC series; without it the floor of the
    /// GC heap (block minima of a sawtooth), then the induced-GC marks.
    /// </summary>
    public static ResourceSeries Of(string resource, IReadOnlyList<TargetSample> samples, IReadOnlyList<RetainedMark> marks, double from, double to)
    {
        var inRange = samples.Where(s => s.T >= from && s.T <= to).ToList();
        var points = Collect(inRange, s => ValueOf(s, resource));
        if (resource != LeakResources.Heap || points.Count > 0)
            return new ResourceSeries(resource, resource == LeakResources.Heap ? "post-GC heap" : resource, points, false);

        var floor = Collect(inRange, s => s.GcHeapBytes);
        if (floor.Count > 0) return new ResourceSeries(resource, "GC heap floor", floor, true);
        var retained = marks.Where(m => m.T >= from && m.T <= to).Select(m => new SeriesPoint(m.T, m.HeapBytes)).ToList();
        return new ResourceSeries(resource, "induced-GC marks", retained, false);
    }

    private static List<SeriesPoint> Collect(IEnumerable<TargetSample> samples, Func<TargetSample, double?> value) =>
        samples.Where(s => value(s) is not null).Select(s => new SeriesPoint(s.T, value(s)!.Value)).ToList();
}
