using System.Globalization;
using LoadLeak.Results;

namespace LoadLeak.Correlator.Forensics;

/// <summary>
/// Type-level diff of three snapshots: before load, at peak, and after the cool-down. A type
/// whose bytes grew under load and are still there after the cool-down is a leak candidate,
/// whether or not its object count moved (a regrown array stays one object); growth that went
/// away again was just load.
/// </summary>
public static class HeapDiff
{
    public static HeapForensicsResult Compare(HeapSnapshot baseline, HeapSnapshot peak, HeapSnapshot afterCoolDown, int top = 15) =>
        Compare(baseline, peak, afterCoolDown, new HeapDiffOptions(), top);

    public static HeapForensicsResult Compare(HeapSnapshot baseline, HeapSnapshot peak, HeapSnapshot afterCoolDown, HeapDiffOptions options,
        int top = 15)
    {
        var growers = afterCoolDown.Types.Keys.Union(peak.Types.Keys)
            .Select(type => Growth(type, baseline, peak, afterCoolDown, options))
            .Where(g => g.BytesDelta > 0 || g.PeakBytesDelta > 0)
            .OrderByDescending(g => g.SurvivesCoolDown)
            .ThenByDescending(g => Math.Max(g.BytesDelta, 0))
            .ThenByDescending(g => g.PeakBytesDelta)
            .ThenBy(g => g.Type, StringComparer.Ordinal)
            .Take(top)
            .ToList();

        var suspects = growers.Where(g => g.SurvivesCoolDown).Select(g => g.Type).ToHashSet(StringComparer.Ordinal);
        return new HeapForensicsResult(
            [baseline.ToInfo(), peak.ToInfo(), afterCoolDown.ToInfo()],
            growers,
            PathsFor(suspects, afterCoolDown, peak),
            afterCoolDown.PendingTasks)
        {
            Notes = [.. Notes(baseline, peak, afterCoolDown, suspects.Count)],
        };
    }

    private static TypeGrowth Growth(string type, HeapSnapshot baseline, HeapSnapshot peak, HeapSnapshot after, HeapDiffOptions options)
    {
        var before = baseline.Types.GetValueOrDefault(type);
        var atPeak = peak.Types.GetValueOrDefault(type);
        var end = after.Types.GetValueOrDefault(type);
        long bytesDelta = end.Bytes - before.Bytes, countDelta = end.Count - before.Count;
        long peakBytes = atPeak.Bytes - before.Bytes, peakCount = atPeak.Count - before.Count;
        // Judged by bytes: an array that was regrown is still one object, however much it holds now.
        // Many more small objects also count (pending tasks, closures), but only while their bytes stayed too.
        var survives = (bytesDelta >= options.MinSurvivingBytes || countDelta >= options.MinSurvivingCount)
            && bytesDelta > 0
            && bytesDelta >= options.MinSurvivingShare * Math.Max(peakBytes, 0);
        return new TypeGrowth(type, countDelta, bytesDelta, end.Count, survives)
        {
            PeakBytesDelta = peakBytes,
            PeakCountDelta = peakCount,
        };
    }

    /// <summary>Paths of the suspects as the cool-down snapshot saw them (what is still retained);
    /// the peak's where the cool-down snapshot has none for a type.</summary>
    private static IReadOnlyList<RetentionPath> PathsFor(IReadOnlySet<string> suspects, HeapSnapshot after, HeapSnapshot peak)
    {
        var paths = after.RetentionPaths.Where(p => suspects.Contains(p.Type)).ToList();
        var covered = paths.Select(p => p.Type).ToHashSet(StringComparer.Ordinal);
        paths.AddRange(peak.RetentionPaths.Where(p => suspects.Contains(p.Type) && !covered.Contains(p.Type)));
        return paths;
    }

    private static string Costs(HeapBudget budget, bool measured) => string.Create(CultureInfo.InvariantCulture,
        $"cost: longest target pause {budget.MaxPauseMs:0} ms{(measured ? "" : " (WriteDump call, an upper bound)")}"
        + $" of a {budget.PauseBudgetMs:0} ms budget"
        + $"{(budget.PauseWithinBudget ? "" : " (over)")}, longest analysis {budget.MaxAnalysisMs:0} ms of {budget.AnalysisBudgetMs:0} ms"
        + $"{(budget.AnalysisWithinBudget ? "" : " (over)")}, largest heap {budget.LargestHeapBytes / 1048576:0} MB");

    private static IEnumerable<string> Notes(HeapSnapshot baseline, HeapSnapshot peak, HeapSnapshot after, int suspects)
    {
        foreach (var s in new[] { baseline, peak, after })
        {
            yield return $"{s.Label}: {s.PauseAgainstBudget()}" + FormattableString.Invariant($" for a {s.HeapBytes / 1048576.0:0} MB heap");
            if (!s.LiveOnly) yield return $"snapshot '{s.Label}' counts unreachable objects too (reachability walk out of budget)";
            foreach (var note in s.Notes) yield return $"{s.Label}: {note}";
        }
        yield return Costs(HeapBudget.From([baseline.ToInfo(), peak.ToInfo(), after.ToInfo()]),
            baseline.PauseMeasured && peak.PauseMeasured && after.PauseMeasured);
        yield return suspects == 0
            ? "no type grew under load and stayed after the cool-down"
            : $"{suspects} type(s) grew under load and stayed after the cool-down";
    }
}
