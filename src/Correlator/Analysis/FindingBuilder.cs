using System.Globalization;
using LoadLeak.Results;

namespace LoadLeak.Correlator.Analysis;

/// <summary>Turns a resource's trend, recovery and per-request regression into a judged finding.</summary>
internal sealed class FindingBuilder(AnalysisInput input, RunWindows windows)
{
    private const double Mb = 1024 * 1024;
    private readonly LeakOptions _o = input.Options;

    /// <param name="heldBack">Why a rise the runtime holds back by design cannot be judged (see <see cref="RuntimeHoldBack"/>).</param>
    public LeakFinding Build(TrendEvidence trend, ResourceSeries series, Recovery? recovery, RequestRegressor.Outcome regression,
        string? heldBack = null)
    {
        var blamed = regression.Blamed;
        var blame = regression.Rows.FirstOrDefault(r => r.Scenario == blamed);
        var phase = SteepestPhase(series, blame?.Scenario);
        var perRequest = blame?.BytesPerRequest ?? PerRequestFallback(trend);
        var reasons = Reasons(trend, recovery, series.Points.Count > 0 ? series.Points[0].Value : 0);
        var verdict = reasons.Count > 0 ? LeakVerdict.NoLeak : heldBack is null ? LeakVerdict.Leak : LeakVerdict.Inconclusive;
        if (verdict == LeakVerdict.Inconclusive) reasons.Add(heldBack!);
        var scenario = blamed ?? phase?.Scenario;
        return new LeakFinding
        {
            Resource = trend.Resource,
            Phase = phase?.Name,
            Scenario = scenario,
            Slope = trend.Slope,
            SlopePerRequest = perRequest,
            Test = MannKendall.TestName,
            Statistic = trend.Test.Z,
            Confidence = trend.Test.Confidence,
            GrowthTotal = trend.Growth,
            Recovered = recovery?.Recovered,
            IsLeak = verdict == LeakVerdict.Leak,
            Verdict = verdict,
            Summary = Summary(trend, phase, scenario, verdict, reasons) + PerRequestText(trend.Resource, perRequest, scenario)
                      + SharesText(regression.Shares),
        };
    }

    /// <summary>Why this trend is not a leak; empty means it is one. Numbers keep enough digits for each comparison to read true.</summary>
    private List<string> Reasons(TrendEvidence trend, Recovery? recovery, double baseline)
    {
        var reasons = new List<string>();
        if (trend.Test.Confidence < _o.MinConfidence)
            reasons.Add($"no significant rise (confidence {Confidence(trend)} < " +
                $"{F(_o.MinConfidence, ApartDecimals.Format(2, ConfidenceDecimals(trend)))} or slope ≤ 0)");
        else if (trend.Slope <= 0 || trend.Test.Z <= 0)
            reasons.Add("no rise (slope ≤ 0)");
        else
        {
            var minGrowth = _o.MinGrowthFor(trend.Resource, baseline);
            if (trend.Growth < minGrowth) reasons.Add($"growth {Below(trend.Resource, trend.Growth, minGrowth)}");
            var perHour = trend.Slope * 3600 / Mb;
            if (LeakResources.IsMemory(trend.Resource) && perHour < _o.MinMemoryGrowthMBPerHour)
            {
                var d = ApartDecimals.Of(perHour, _o.MinMemoryGrowthMBPerHour, 1);
                reasons.Add($"{F(perHour, ApartDecimals.Format(1, d))} MB/h below {F(_o.MinMemoryGrowthMBPerHour, ApartDecimals.Format(0, d))} MB/h");
            }
            if (trend.LateSlope < _o.LateSlopeFraction * trend.Slope && !RisesOnItsOwn(trend, minGrowth))
                reasons.Add($"flattens: the last half grows at {F(100 * trend.LateSlope / trend.Slope, "0")}% of the overall rate (a cache filling " +
                    "up, not a leak)");
        }
        if (recovery is { Recovered: true })
            reasons.Add($"recovered after cool-down ({Amount(trend.Resource, recovery.Baseline)} → " +
                $"{Amount(trend.Resource, recovery.AfterCoolDown)})");
        return reasons;
    }

    /// <summary>
    /// A late half that slows is a cache filling up only when it has (nearly) stopped. A leaking target also slows
    /// late in a run, under its own heap and GC, so its late half grows at a fraction of the early rate yet keeps
    /// rising: when that rise is significant by itself and far above the minimum growth, it is not flattening.
    /// </summary>
    private bool RisesOnItsOwn(TrendEvidence trend, double minGrowth) =>
        trend.LateTest is { Z: > 0 } late && late.Confidence >= _o.MinConfidence
        && trend.LateGrowth >= _o.LateRiseGrowthMultiple * minGrowth;

    private int ConfidenceDecimals(TrendEvidence trend) => ApartDecimals.Of(trend.Test.Confidence, _o.MinConfidence, 3);

    private string Confidence(TrendEvidence trend)
    {
        var d = ConfidenceDecimals(trend);
        return F(trend.Test.Confidence, ApartDecimals.Format(d, d));
    }

    /// <summary>"8.7 MB below 10.0 MB", "9.96 below 10": never "10.0 MB below 10.0 MB".</summary>
    private static string Below(LeakResource resource, double value, double limit)
    {
        if (!LeakResources.IsMemory(resource))
        {
            var d = ApartDecimals.Of(value, limit, 1);
            return $"{F(value, ApartDecimals.Format(0, d))} below {F(limit, ApartDecimals.Format(0, d))}";
        }
        var m = ApartDecimals.Of(value / Mb, limit / Mb, 1);
        return $"{F(value / Mb, ApartDecimals.Format(m, m))} MB below {F(limit / Mb, ApartDecimals.Format(m, m))} MB";
    }

    /// <summary>
    /// The phase with the steepest growth. A phase where the load falls is blamed only when no other phase grew: a
    /// lagging series (Go's RSS trails its GC) catches up in a short ramp-down with what the peak phase did.
    /// </summary>
    private PhaseRecord? SteepestPhase(ResourceSeries series, string? scenario)
    {
        var candidates = input.Phases.Where(p => p.Kind != PhaseKind.WarmUp && p.End > windows.WarmUpEnd && p.Start < windows.LoadEnd).ToList();
        if (scenario is not null && candidates.Any(p => p.Scenario == scenario)) candidates = candidates.Where(p => p.Scenario == scenario).ToList();
        var ranked = candidates
            .Select(p => (Phase: p, Slope: PhaseSlope(series, p)))
            .Where(x => x.Slope is not null)
            .OrderByDescending(x => x.Slope)
            .ToList();
        var rising = ranked.FirstOrDefault(x => x.Slope > 0 && !LoadFalls(x.Phase));
        return rising.Phase ?? ranked.Select(x => x.Phase).FirstOrDefault();
    }

    /// <summary>The phase ends below the load of the phase before it in its scenario (a ramp-down).</summary>
    private bool LoadFalls(PhaseRecord phase)
    {
        var previous = input.Phases.Where(p => p.Scenario == phase.Scenario && p.Kind == PhaseKind.Load && p.Start < phase.Start)
            .OrderBy(p => p.Start).LastOrDefault();
        return previous is not null && (phase.Copies ?? phase.Rate) < (previous.Copies ?? previous.Rate);
    }

    /// <summary>
    /// Growth per second over the phase. For the heap, the induced full GCs at the phase's two
    /// boundaries measure exactly what it retained; the post-GC counter changes only at GCs and lags,
    /// so on short phases its slope is a poor second. A count is read at the phase's two ends: a pool that
    /// jumps by 11 threads as the phase starts and then holds grew more in that phase than one creeping up by 4
    /// (a slope fitted inside the phase sees the jump as flat).
    /// </summary>
    private double? PhaseSlope(ResourceSeries series, PhaseRecord phase)
    {
        if (phase.End <= phase.Start) return null;
        if (series.Resource == LeakResource.Heap && RetainedBoundaries.Delta(input.Retained, input.MissedRetained, phase).Bytes is { } retained)
            return retained / (phase.End - phase.Start);
        if (!LeakResources.IsMemory(series.Resource))
            return PhaseAttributor.Delta(series.Points, p => p.T, p => p.Value, phase.Start, phase.End) is { } delta
                ? delta / (phase.End - phase.Start)
                : null;
        var inside = series.Points.Where(p => p.T > phase.Start && p.T <= phase.End + 0.5).ToList();
        var points = BlockReducer.Reduce(inside, 1, 60, series.UseBlockMinimum);
        return points.Count < 2 ? null : TheilSen.Slope(points.Select(p => p.T).ToArray(), points.Select(p => p.Value).ToArray());
    }

    private double? PerRequestFallback(TrendEvidence trend)
    {
        var requests = input.Intervals.Where(r => r.T > trend.From && r.T <= trend.To + 0.5).Sum(r => r.Ok + r.Fail);
        return requests > 0 ? trend.Growth / requests : null;
    }

    private string Summary(TrendEvidence trend, PhaseRecord? phase, string? scenario, LeakVerdict verdict, List<string> reasons)
    {
        var rate = LeakResources.IsMemory(trend.Resource)
            ? $"{F(trend.Slope * 3600 / Mb, "0.0")} MB/h"
            : $"{F(trend.Slope * 3600, "0.#")}/h";
        var where = phase is null ? "" : scenario == GrowthShares.Undetermined
            ? $"; steepest in '{phase.Name}'; protocol undetermined (no scenario explains most of the growth in " +
                $"{F(100 * GrowthShares.MinTopProbability, "0")}% of refits)"
            : $"; steepest in '{phase.Name}' of {scenario ?? phase.Scenario}";
        var head = $"{trend.Resource.ToJsonName()} ({trend.Source}) {Signed(trend.Resource, trend.Growth)} " +
                   $"over {F(trend.To - trend.From, "0")} s ({rate}), " +
                   $"Mann-Kendall z={F(trend.Test.Z, "0.00")} confidence {Confidence(trend)}{where}";
        return verdict switch
        {
            LeakVerdict.Leak => $"LEAK: {head}; still rising at the end of the load and not recovered",
            LeakVerdict.Inconclusive => $"inconclusive: {head}; {string.Join("; ", reasons)}",
            _ => $"no leak: {head}; {string.Join("; ", reasons)}",
        };
    }

    /// <summary>Counts per request read better in words: "1.0 goroutine per http request".</summary>
    private static string PerRequestText(LeakResource resource, double? perRequest, string? scenario) =>
        resource == LeakResource.Goroutines && perRequest is { } n && scenario is not null && scenario != GrowthShares.Undetermined
            ? $"; {F(n, n >= 0.1 ? "0.0#" : "0.0###")} goroutine per {scenario} request"
            : "";

    /// <summary>The split behind the blame, so a reader sees how sure it is.</summary>
    private static string SharesText(IReadOnlyList<ScenarioShare> shares)
    {
        if (shares.Count < 2) return "";
        var parts = shares.OrderByDescending(s => s.Share).Select(s =>
            $"{s.Scenario} {F(100 * s.Share, "0")}% ± {F(100 * s.StdDev, "0")} (largest in {F(100 * s.TopProbability, "0")}% of refits)");
        return $"; growth by requests (non-negative fit, {GrowthShares.Replicates} bootstrap refits): {string.Join(", ", parts)}";
    }

    private static string Signed(LeakResource resource, double v) => (v >= 0 ? "+" : "-") + Amount(resource, Math.Abs(v));

    private static string Amount(LeakResource resource, double v) =>
        LeakResources.IsMemory(resource) ? $"{F(v / Mb, "0.0")} MB" : F(v, "0.#");

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
}
