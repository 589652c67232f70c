using LoadLeak.Results;

namespace LoadLeak.Correlator.Analysis;

internal sealed record Recovery(double Baseline, double AfterCoolDown, bool Recovered, string Evidence);

/// <summary>
/// After cool-down (and, for the heap, a full GC), is the resource back near its value at the end
/// of warm-up? Growth that goes away with the load is load-proportional state, not a leak.
/// </summary>
internal static class RecoveryCheck
{
    private const double BaselineWindowSeconds = 5;
    private const double MarkWindowSeconds = 10;
    private const int TailSamples = LeakOptions.RecoveryTailSeconds;

    public static Recovery? Check(
        LeakResource resource, IReadOnlyList<TargetSample> samples, IReadOnlyList<RetainedMark> marks, RunWindows windows, LeakOptions options)
    {
        if (windows.CoolDownStart is not { } coolStart) return null;
        // Both ends from forced-GC readings, or both from samples: a forced reading against one that still held garbage
        // shows memory freed (or kept) that never was.
        var forced = resource == LeakResource.Heap && BaselineMark(marks, windows.WarmUpEnd) is not null && AfterMark(marks, coolStart) is not null;
        var baseline = Baseline(resource, samples, forced ? marks : [], windows.WarmUpEnd);
        var after = After(resource, samples, forced ? marks : [], coolStart);
        if (baseline is null || after is null) return null;

        var slack = Math.Max(options.RecoveryTolerance * Math.Abs(baseline.Value.Value), options.MinGrowthFor(resource));
        var recovered = after.Value.Value - baseline.Value.Value <= slack;
        return new Recovery(baseline.Value.Value, after.Value.Value, recovered, $"{baseline.Value.Source} → {after.Value.Source}");
    }

    /// <summary>
    /// The resource's value at the end (after cool-down, else the last samples of the load) minus its value when the
    /// load began; null when either is missing.
    /// </summary>
    public static double? Rise(LeakResource resource, IReadOnlyList<TargetSample> samples, RunWindows windows)
    {
        var baseline = Baseline(resource, samples, [], windows.WarmUpEnd);
        var from = windows.CoolDownStart ?? windows.LoadEnd - BaselineWindowSeconds;
        var after = After(resource, samples, [], from);
        return baseline is { } b && after is { } a ? a.Value - b.Value : null;
    }

    private static (double Value, string Source)? Baseline(
        LeakResource resource, IReadOnlyList<TargetSample> samples, IReadOnlyList<RetainedMark> marks, double warmUpEnd)
    {
        if (resource == LeakResource.Heap)
        {
            if (BaselineMark(marks, warmUpEnd) is { } mark) return (mark.HeapBytes, "induced GC at warm-up end");
        }
        var around = Values(samples, resource, s => Math.Abs(s.T - warmUpEnd) <= BaselineWindowSeconds);
        if (around.Count == 0) around = Values(samples, resource, s => s.T >= warmUpEnd).Take(TailSamples).ToList();
        return around.Count == 0 ? null : (Median(around), "samples at warm-up end");
    }

    private static (double Value, string Source)? After(
        LeakResource resource, IReadOnlyList<TargetSample> samples, IReadOnlyList<RetainedMark> marks, double coolStart)
    {
        if (resource == LeakResource.Heap)
        {
            if (AfterMark(marks, coolStart) is { } mark) return (mark.HeapBytes, "induced GC after cool-down");
        }
        var tail = Values(samples, resource, s => s.T >= coolStart);
        return tail.Count == 0 ? null : (Median(tail.TakeLast(TailSamples).ToList()), "last samples of cool-down");
    }

    private static RetainedMark? BaselineMark(IReadOnlyList<RetainedMark> marks, double warmUpEnd) =>
        marks.Where(m => Math.Abs(m.T - warmUpEnd) <= MarkWindowSeconds).OrderBy(m => Math.Abs(m.T - warmUpEnd)).FirstOrDefault();

    private static RetainedMark? AfterMark(IReadOnlyList<RetainedMark> marks, double coolStart) =>
        marks.Where(m => m.T >= coolStart).OrderBy(m => m.T).LastOrDefault();

    private static List<double> Values(IReadOnlyList<TargetSample> samples, LeakResource resource, Func<TargetSample, bool> where) =>
        samples.Where(where).Select(s => ResourceSeries.ValueOf(s, resource)).OfType<double>().ToList();

    private static double Median(List<double> values) => TheilSen.Median([.. values]);
}
