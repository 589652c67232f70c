using LoadLeak.Results;

namespace LoadLeak.Reporting.Html.Plots;

/// <summary>
/// Cuts the time axis at every phase boundary so bands never overlap: concurrent scenarios start their phases
/// milliseconds apart, and drawing each scenario's phases on its own stacked them (darker, labels printed twice).
/// </summary>
internal static class PhaseBands
{
    /// <summary>Boundaries closer than this are one boundary (scenarios' phases start a few ms apart).</summary>
    public const double MergeSeconds = 0.5;

    public static IReadOnlyList<PhaseBand> Of(IReadOnlyList<PhaseRecord> phases)
    {
        var valid = phases.Where(p => double.IsFinite(p.Start) && double.IsFinite(p.End) && p.End > p.Start).ToList();
        var cuts = new List<double>();
        foreach (var t in valid.SelectMany(p => new[] { p.Start, p.End }).Order())
            if (cuts.Count == 0 || t - cuts[^1] > MergeSeconds) cuts.Add(t);

        var bands = new List<PhaseBand>();
        for (var i = 0; i + 1 < cuts.Count; i++)
        {
            var (start, end) = (cuts[i], cuts[i + 1]);
            var mid = (start + end) / 2;
            var active = valid.Where(p => p.Start < mid && p.End > mid).ToList();
            if (active.Count == 0) continue;
            var name = string.Join(" / ", active.Select(p => p.Name).Distinct());
            // Load outranks a pause, a pause outranks warm-up: the band shows the busiest thing going on.
            var kind = active.Any(p => p.Kind == PhaseKind.Load) ? PhaseKind.Load
                : active.Any(p => p.Kind == PhaseKind.Pause) ? PhaseKind.Pause : PhaseKind.WarmUp;
            if (bands.Count > 0 && bands[^1].Name == name && bands[^1].Kind == kind && Math.Abs(bands[^1].End - start) < 1e-9)
                bands[^1] = bands[^1] with { End = end };
            else
                bands.Add(new PhaseBand(name, kind, start, end));
        }
        return bands;
    }
}
