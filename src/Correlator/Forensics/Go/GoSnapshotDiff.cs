using System.Globalization;
using LoadLeak.Correlator.Sampling.Go;

namespace LoadLeak.Correlator.Forensics.Go;

/// <summary>
/// Diffs three Go snapshots (before load, at peak, after the cool-down). Goroutines are compared by the line they
/// wait at (the service's own frame), in-use heap by allocating function. What appeared under load and is still
/// there after the cool-down is a leak candidate; growth that went away again was just load.
/// </summary>
internal static class GoSnapshotDiff
{
    public static GoForensicsResult Compare(
        GoSnapshot baseline, GoSnapshot peak, GoSnapshot afterCoolDown, GoDiffOptions? options = null, int top = 15)
    {
        options ??= new GoDiffOptions();
        var goroutines = GoroutineGrowers(baseline, peak, afterCoolDown, options).Take(top).ToList();
        var sites = SiteGrowers(baseline, peak, afterCoolDown, options).Take(top).ToList();
        return new GoForensicsResult([baseline.ToInfo(), peak.ToInfo(), afterCoolDown.ToInfo()], goroutines, sites)
        {
            Notes = Notes(goroutines, sites),
        };
    }

    private sealed record WaitLine(long Count, GoroutineGroup Largest);

    private static IEnumerable<GoroutineGrowth> GoroutineGrowers(GoSnapshot baseline, GoSnapshot peak, GoSnapshot after, GoDiffOptions options)
    {
        var classifier = GoCodeClassifier.From(new[] { baseline, peak, after }.SelectMany(s => s.Goroutines.Groups).SelectMany(g => g.Frames));
        Dictionary<GoFrame, WaitLine> ByLine(GoSnapshot snapshot) => snapshot.Goroutines.Groups
            .Where(g => classifier.Blame(g.Frames) is not null)
            .GroupBy(g => classifier.Blame(g.Frames)!)
            .ToDictionary(g => g.Key, g => new WaitLine(g.Sum(x => x.Count), g.MaxBy(x => x.Count)!));
        var before = ByLine(baseline);
        var atPeak = ByLine(peak);
        var end = ByLine(after);

        return end.Keys.Union(atPeak.Keys)
            .Select(frame =>
            {
                var b = before.GetValueOrDefault(frame)?.Count ?? 0;
                var p = atPeak.GetValueOrDefault(frame)?.Count ?? 0;
                var e = end.GetValueOrDefault(frame)?.Count ?? 0;
                var largest = (end.GetValueOrDefault(frame) ?? atPeak[frame]).Largest;
                long delta = e - b, peakDelta = p - b;
                var survives = delta >= options.MinSurvivingGoroutines && delta >= options.MinSurvivingShare * Math.Max(peakDelta, 0);
                return new GoroutineGrowth(frame, delta, e, survives, largest.Frames) { PeakCountDelta = peakDelta, TopFrame = largest.TopFrame };
            })
            .Where(g => g.CountDelta > 0 || g.PeakCountDelta > 0)
            .OrderByDescending(g => g.SurvivesCoolDown)
            .ThenByDescending(g => Math.Max(g.CountDelta, 0))
            .ThenByDescending(g => g.PeakCountDelta)
            .ThenBy(g => g.Frame.Function, StringComparer.Ordinal);
    }

    private static IEnumerable<GoAllocSiteGrowth> SiteGrowers(GoSnapshot baseline, GoSnapshot peak, GoSnapshot after, GoDiffOptions options)
    {
        static Dictionary<string, HeapSite> ByFunction(GoSnapshot s) => s.Heap.Sites.ToDictionary(x => x.Frame.Function, StringComparer.Ordinal);
        var before = ByFunction(baseline);
        var atPeak = ByFunction(peak);
        var end = ByFunction(after);

        return end.Keys.Union(atPeak.Keys)
            .Select(function =>
            {
                var b = before.GetValueOrDefault(function);
                var p = atPeak.GetValueOrDefault(function);
                var e = end.GetValueOrDefault(function);
                long bytesDelta = (e?.InuseBytes ?? 0) - (b?.InuseBytes ?? 0), peakDelta = (p?.InuseBytes ?? 0) - (b?.InuseBytes ?? 0);
                var objectsDelta = (e?.InuseObjects ?? 0) - (b?.InuseObjects ?? 0);
                var survives = bytesDelta >= options.MinSurvivingBytes && bytesDelta >= options.MinSurvivingShare * Math.Max(peakDelta, 0)
                    && bytesDelta > options.NoiseSigmas * SamplingNoise(b, e ?? p, options.ProfileRateBytes);
                return new GoAllocSiteGrowth((e ?? p)!.Frame, bytesDelta, objectsDelta, e?.InuseBytes ?? 0, survives)
                {
                    PeakBytesDelta = peakDelta,
                    PeakObjectsDelta = (p?.InuseObjects ?? 0) - (b?.InuseObjects ?? 0),
                };
            })
            .Where(g => g.BytesDelta > 0 || g.PeakBytesDelta > 0)
            .OrderByDescending(g => g.SurvivesCoolDown)
            .ThenByDescending(g => Math.Max(g.BytesDelta, 0))
            .ThenByDescending(g => g.PeakBytesDelta)
            .ThenBy(g => g.Frame.Function, StringComparer.Ordinal);
    }

    /// <summary>
    /// The standard deviation, in bytes, of the difference of two sampled in-use estimates. An object of size s is
    /// sampled with probability 1 - e^(-s/rate) and weighted by its inverse, so one sample stands for about
    /// max(s, rate) bytes, and k samples vary by √k.
    /// </summary>
    private static double SamplingNoise(HeapSite? before, HeapSite? after, double rate)
    {
        var reference = after ?? before;
        if (reference is null || reference.InuseObjects <= 0) return 0;
        var size = (double)reference.InuseBytes / reference.InuseObjects;
        if (size <= 0) return 0;
        var bytesPerSample = size / (1 - Math.Exp(-size / rate));
        var samples = ((before?.InuseBytes ?? 0) + (after?.InuseBytes ?? 0)) / bytesPerSample;
        return Math.Sqrt(samples) * bytesPerSample;
    }

    private static List<string> Notes(IReadOnlyList<GoroutineGrowth> goroutines, IReadOnlyList<GoAllocSiteGrowth> sites)
    {
        var notes = new List<string>();
        if (goroutines.FirstOrDefault(g => g.SurvivesCoolDown) is { } g)
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{g.CountDelta} more goroutines after the cool-down than before the load wait at {g.Frame.Function} ({g.Frame.Location})"));
        if (sites.FirstOrDefault(s => s.SurvivesCoolDown) is { } s)
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{s.BytesDelta / 1024.0:0} KB more in use after the cool-down than before the load, "
                + $"allocated by {s.Frame.Function} ({s.Frame.Location})"));
        if (notes.Count == 0)
            notes.Add("no goroutine stack and no allocation site grew under load and stayed after the cool-down");
        return notes;
    }
}
