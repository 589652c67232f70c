using LoadLeak.Results;

namespace LoadLeak.Correlator.Analysis;

/// <summary>
/// A resource's values over a time range, and how to reduce them to test points.
/// <paramref name="Samples"/> is how many per-second samples cover the range (the minimum-samples
/// rule counts coverage); <paramref name="Points"/> are the distinct observations that are tested.
/// </summary>
internal sealed record ResourceSeries(LeakResource Resource, string Source, IReadOnlyList<SeriesPoint> Points, bool UseBlockMinimum, int Samples)
{
    public const string MarksOnly = "induced-GC marks";

    /// <summary>
    /// The per-second readings, repeats included: tested instead when the heap changed too few times to
    /// test the distinct readings (a flat heap is evidence of no growth, not a reason for "inconclusive").
    /// </summary>
    public IReadOnlyList<SeriesPoint>? PerSecond { get; init; }

    /// <summary>How far the post-GC readings were moved back to when their GCs happened (see <see cref="PostGcLag"/>).</summary>
    public double PostGcLagSeconds { get; init; }

    /// <summary>
    /// Concurrent scenarios share one induced GC per boundary, so the one at the end of warm-up may land a
    /// little before the last scenario's warm-up ends, and the one at the end of the load a little after it:
    /// both still describe the load window's edges.
    /// </summary>
    private const double MarkLandingSeconds = 2;
    /// <summary>The full GC after the load queues behind the previous one and takes longer on a big heap.</summary>
    private const double EndMarkLandingSeconds = 5;

    /// <summary>The value of a resource in one sample; null when the sample does not have it.</summary>
    public static double? ValueOf(TargetSample s, LeakResource resource) => resource switch
    {
        LeakResource.Heap => s.PostGcHeapBytes,
        LeakResource.Rss => s.RssBytes ?? s.WorkingSetBytes,
        // OS threads include the pool and any dedicated thread that never ends, so a leaked
        // `new Thread` shows here even when the runtime's pool count stays flat. No fallback: a gap is a gap.
        LeakResource.Threads => s.OsThreads,
        LeakResource.ThreadPoolThreads => s.ThreadPoolThreads,
        LeakResource.Timers => s.Timers,
        LeakResource.Fds => s.Fds,
        LeakResource.Goroutines => s.Goroutines,
        _ => null,
    };

    /// <summary>
    /// Points with T in [from, to]. Heap prefers the post-GC series merged with the induced full-GC
    /// marks; without it the floor of the GC heap (block minima of a sawtooth), then the marks alone.
    /// </summary>
    public static ResourceSeries Of(
        LeakResource resource, IReadOnlyList<TargetSample> samples, IReadOnlyList<RetainedMark> marks, double from, double to)
    {
        var inRange = samples.Where(s => s.T >= from && s.T <= to).ToList();
        var points = Collect(inRange, s => ValueOf(s, resource));
        if (resource != LeakResource.Heap)
            return new ResourceSeries(resource, SourceOf(resource), points, false, points.Count);
        // Only when no full GC landed at the window's start: otherwise an earlier one (the warm-up's own start)
        // would add the warm-up's growth to the load's.
        var landedAtStart = marks.Any(m => m.T >= from && m.T <= from + MarkLandingSeconds);
        var baseline = marks.Where(m => !landedAtStart && m.T < from && m.T >= from - MarkLandingSeconds).OrderBy(m => m.T).TakeLast(1);
        var fullGcs = baseline.Concat(marks.Where(m => m.T >= from && m.T <= to + EndMarkLandingSeconds)).OrderBy(m => m.T).ToList();
        var allReadings = Collect(samples, s => s.PostGcHeapBytes);
        var lag = PostGcLag.Estimate(allReadings, marks);
        points = PostGcLag.Align(allReadings, lag).Where(p => p.T >= from && p.T <= to).ToList();
        if (points.Count > 0)
        {
            var merged = PostGcWithMarks(points, fullGcs);
            return new ResourceSeries(resource, fullGcs.Count > 0 ? "post-GC heap + induced full GCs" : "post-GC heap", merged, false, points.Count)
            {
                PerSecond = points,
                PostGcLagSeconds = lag,
            };
        }

        var floor = Collect(inRange, s => s.GcHeapBytes);
        if (floor.Count > 0) return new ResourceSeries(resource, "GC heap floor", floor, true, floor.Count);
        var retained = fullGcs.Select(m => new SeriesPoint(m.T, m.HeapBytes)).ToList();
        return new ResourceSeries(resource, MarksOnly, retained, false, retained.Count);
    }

    /// <summary>
    /// The post-GC counter repeats the last GC's reading every second until the next GC: one
    /// observation, not many, so repeats are dropped (they would pose as a significant plateau).
    /// A reading after an ephemeral GC still holds gen2 garbage and the heap's free space; when the
    /// next full GC found less live memory, the reading tells nothing about what was retained and is
    /// dropped. Capping it at that GC's value instead would repeat one number as many readings: on a
    /// fragmented heap that grows steadily, every reading before a boundary exceeds the next live
    /// count, and the capped run poses as a plateau that reads as a cache filling up. The full-GC
    /// marks themselves are the most exact readings of retained memory there are, and join the series.
    /// </summary>
    private static List<SeriesPoint> PostGcWithMarks(List<SeriesPoint> readings, List<RetainedMark> fullGcs)
    {
        var merged = fullGcs.Select(m => new SeriesPoint(m.T, m.HeapBytes)).ToList();
        var markValues = fullGcs.Select(PostGcLag.CounterValue).ToHashSet();
        double? previous = null;
        var next = 0;
        foreach (var reading in readings)
        {
            var repeat = reading.Value == previous || markValues.Contains(reading.Value);
            previous = reading.Value;
            if (repeat) continue;
            while (next < fullGcs.Count && fullGcs[next].T < reading.T) next++;
            if (next < fullGcs.Count && reading.Value > fullGcs[next].HeapBytes) continue;
            merged.Add(reading);
        }
        return merged.OrderBy(p => p.T).ToList();
    }

    /// <summary>Names which count a finding tests, so "threads" is never ambiguous.</summary>
    private static string SourceOf(LeakResource resource) => resource switch
    {
        LeakResource.Threads => "OS threads",
        LeakResource.ThreadPoolThreads => "runtime thread-pool counter",
        _ => resource.ToJsonName(),
    };

    private static List<SeriesPoint> Collect(IEnumerable<TargetSample> samples, Func<TargetSample, double?> value) =>
        samples.Where(s => value(s) is not null).Select(s => new SeriesPoint(s.T, value(s)!.Value)).ToList();
}
