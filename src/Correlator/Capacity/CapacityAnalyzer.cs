using System.Globalization;
using LoadLeak.Engine.Running;
using LoadLeak.Results;

namespace LoadLeak.Correlator.Capacity;

/// <summary>
/// Builds a capacity model per scenario from its KeepConstant steps: the USL fit of
/// throughput on concurrency, the predicted peak, and where p99 crosses the SLO.
/// </summary>
public static class CapacityAnalyzer
{
    public const int MinSteps = 3;

    /// <summary>One model per scenario with at least <see cref="MinSteps"/> distinct concurrency levels.</summary>
    public static IReadOnlyList<CapacityResult> Analyze(IEnumerable<CapacityPoint> points, double? sloP99Ms) =>
        points.GroupBy(p => p.Scenario, StringComparer.Ordinal)
            .Select(g => AnalyzeScenario(g.Key, g.OrderBy(p => p.Concurrency).ToList(), sloP99Ms))
            .OfType<CapacityResult>()
            .ToList();

    /// <summary>Points of the engine's KeepConstant steps (see <see cref="StepPoints"/>),
    /// then <see cref="Analyze(IEnumerable{CapacityPoint}, double?)"/>.</summary>
    public static IReadOnlyList<CapacityResult> Analyze(EngineResult engine, double? sloP99Ms) =>
        Analyze(StepPoints(engine), sloP99Ms);

    /// <summary>
    /// One point per KeepConstant load phase: its copies, the mean throughput and the
    /// request-weighted mean interval p99. The first interval of a step is left out when the
    /// step has three or more, because it still carries the previous step's ramp.
    /// </summary>
    public static IReadOnlyList<CapacityPoint> StepPoints(EngineResult engine)
    {
        var points = new List<CapacityPoint>();
        foreach (var phase in engine.Phases.Where(IsConstantStep))
        {
            var rows = engine.Intervals.Where(r => r.Scenario == phase.Scenario && r.Phase == phase.Name).OrderBy(r => r.T).ToList();
            if (rows.Count >= 3) rows = rows.Skip(1).ToList();
            var requests = rows.Sum(r => r.Ok);
            if (rows.Count == 0 || requests == 0) continue;
            points.Add(new CapacityPoint(
                phase.Scenario,
                phase.Copies!.Value,
                rows.Average(r => r.Rps),
                rows.Sum(r => r.P99 * r.Ok) / requests));
        }
        return points;
    }

    private static bool IsConstantStep(PhaseRecord phase) =>
        phase.Kind == PhaseKind.Load && phase.Copies is > 0 && phase.Simulation.StartsWith("KeepConstant", StringComparison.Ordinal);

    private static CapacityResult? AnalyzeScenario(string scenario, IReadOnlyList<CapacityPoint> points, double? sloP99Ms)
    {
        var usable = points.Where(p => p.Concurrency >= 1 && double.IsFinite(p.Throughput) && p.Throughput >= 0).ToList();
        if (usable.Select(p => p.Concurrency).Distinct().Count() < MinSteps) return null;
        var model = UslFit.Fit(usable.Select(p => (p.Concurrency, p.Throughput)).ToList());
        var knee = sloP99Ms is { } slo ? SloKnee.Find(usable.Select(p => (p.Concurrency, p.P99Ms)).ToList(), slo) : null;
        return new CapacityResult(scenario, model.Sigma, model.Kappa, model.Lambda, model.RSquared,
            model.PeakConcurrency, model.PeakThroughput, sloP99Ms, knee, points)
        {
            Notes = [.. Notes(model, usable)],
        };
    }

    private static IEnumerable<string> Notes(UslModel model, IReadOnlyList<CapacityPoint> points)
    {
        var maxTested = points.Max(p => p.Concurrency);
        if (model.RSquared < 0.9)
            yield return $"USL fit is poor (R² {model.RSquared.ToString("0.00", CultureInfo.InvariantCulture)}): the peak is a rough guess";
        if (double.IsFinite(model.PeakConcurrency) && model.PeakConcurrency > 2 * maxTested)
            yield return $"predicted peak concurrency {model.PeakConcurrency.ToString("0", CultureInfo.InvariantCulture)} lies far beyond the " +
                $"highest step tested ({maxTested.ToString("0", CultureInfo.InvariantCulture)}): extrapolated";
        if (double.IsPositiveInfinity(model.PeakConcurrency))
            yield return "no coherency penalty measured (κ = 0): throughput did not turn down within the steps tested";
    }
}
