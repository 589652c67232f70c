using System.Globalization;
using LoadLeak.Results;

namespace LoadLeak.Correlator.Analysis;

/// <summary>
/// Joins the load timeline with the target's samples: per-phase attribution, retained bytes per
/// request, and a leak verdict from trend tests over the load phases (warm-up excluded) confirmed
/// by the recovery check after cool-down.
/// </summary>
public static class LeakAnalyzer
{
    public static AnalysisResult Analyze(AnalysisInput input)
    {
        var samples = input.Samples.OrderBy(s => s.T).ToList();
        var marks = input.Retained.OrderBy(m => m.T).ToList();
        input = input with { Samples = samples, Retained = marks };
        var attribution = PhaseAttributor.Attribute(input);
        if (samples.Count == 0 && marks.Count == 0)
            return new AnalysisResult(attribution, [], new LeakReport { Notes = ["no target samples: nothing to judge"] });

        var firstT = samples.Count > 0 ? samples[0].T : marks[0].T;
        var lastT = Math.Max(samples.Count > 0 ? samples[^1].T : 0, marks.Count > 0 ? marks[^1].T : 0);
        var windows = RunWindows.From(input.Phases, input.Intervals, firstT, lastT, input.Options);
        var notes = new List<string> { Describe(windows) };

        var heap = ResourceSeries.Of(LeakResource.Heap, samples, marks, windows.WarmUpEnd, windows.LoadEnd);
        if (heap.PostGcLagSeconds > 0)
            notes.Add($"post-GC heap counter reports each GC {heap.PostGcLagSeconds.ToString("0.0#", CultureInfo.InvariantCulture)} s late (median " +
                "over the induced full GCs whose heap size it repeats); its readings are moved back by that much");
        var bytesPerRequest = RequestRegressor.Fit(heap.Points, input.Intervals);
        if (bytesPerRequest.Note is not null) notes.Add(bytesPerRequest.Note);

        var builder = new FindingBuilder(input, windows);
        var findings = new List<LeakFinding>();
        foreach (var resource in LeakResources.All)
        {
            var series = resource == LeakResource.Heap ? heap : ResourceSeries.Of(resource, samples, marks, windows.WarmUpEnd, windows.LoadEnd);
            if (series.Points.Count == 0) continue;
            var trend = TrendDetector.Detect(series, input.Options);
            if (trend is null)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{resource.ToJsonName()}: only {series.Samples} samples ({series.Points.Count} distinct readings) in the load window " +
                    $"(need {input.Options.MinSamples} samples, {TrendDetector.MinTestPoints} blocks): not tested"));
                continue;
            }
            var recovery = RecoveryCheck.Check(resource, samples, marks, windows, input.Options);
            var regression = resource == LeakResource.Heap ? bytesPerRequest : RequestRegressor.Fit(series.Points, input.Intervals);
            findings.Add(builder.Build(trend, series, recovery, regression, RuntimeHoldBack.Reason(resource, samples, windows, input.Options)));
        }

        DiscountRssOfManagedProcess(findings);
        return new AnalysisResult(attribution, bytesPerRequest.Rows, new LeakReport
        {
            Verdict = Verdict(findings, notes),
            Findings = findings,
            Notes = notes,
        });
    }

    /// <summary>
    /// In a .NET process RSS rises with the GC's committed memory (gen2 garbage awaiting a full GC, a
    /// growing gen0 budget) and the GC does not hand it back promptly, so on a run of minutes RSS growth
    /// without retained managed growth is not evidence of a leak; the heap series (post-GC readings and
    /// induced full GCs) is. Without a heap series (not .NET) RSS stands on its own.
    /// </summary>
    private static void DiscountRssOfManagedProcess(List<LeakFinding> findings)
    {
        var heap = findings.FirstOrDefault(f => f.Resource == LeakResource.Heap);
        var rss = findings.FindIndex(f => f.Resource == LeakResource.Rss);
        if (heap is null || heap.IsLeak || rss < 0 || !findings[rss].IsLeak) return;
        var f = findings[rss];
        findings[rss] = f with
        {
            IsLeak = false,
            Verdict = LeakVerdict.NoLeak,
            Summary = "no leak: "
                      + f.Summary["LEAK: ".Length..].Replace("; still rising at the end of the load and not recovered", "", StringComparison.Ordinal)
                      + "; RSS rose but the retained managed heap did not: GC-committed memory, not retention"
                      + " (a native leak needs a longer run to tell apart)",
        };
    }

    private static LeakVerdict Verdict(List<LeakFinding> findings, List<string> notes)
    {
        if (findings.Any(f => f.IsLeak)) return LeakVerdict.Leak;
        var held = findings.Where(f => f.Verdict == LeakVerdict.Inconclusive).ToList();
        if (held.Count > 0)
        {
            notes.AddRange(held.Select(f => $"{f.Resource.ToJsonName()}: inconclusive, the runtime holds its rise back by design " +
                "(see its finding); run a longer cool-down to judge it"));
            return LeakVerdict.Inconclusive;
        }
        if (findings.Any(f => LeakResources.IsMemory(f.Resource))) return LeakVerdict.NoLeak;
        notes.Add("no memory series could be tested: verdict inconclusive");
        return LeakVerdict.Inconclusive;
    }

    private static string Describe(RunWindows w)
    {
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        var cool = w.CoolDownStart is { } c ? $"; cool-down from {F(c)} s (recovery check)" : "; no cool-down phase: recovery not checked";
        return $"trend window {F(w.WarmUpEnd)}–{F(w.LoadEnd)} s (warm-up excluded){cool}";
    }
}
