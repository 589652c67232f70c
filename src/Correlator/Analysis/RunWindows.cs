using LoadLeak.Engine.Stats;
using LoadLeak.Results;

namespace LoadLeak.Correlator.Analysis;

/// <summary>
/// The parts of a run the verdict looks at: warm-up (excluded; its end is the baseline), the load
/// window (trend tests) and the trailing cool-down (recovery check), all in run seconds.
/// </summary>
internal sealed record RunWindows(double WarmUpEnd, double LoadEnd, double? CoolDownStart, double RunEnd)
{
    public double LoadSeconds => Math.Max(0, LoadEnd - WarmUpEnd);

    public static RunWindows From(IReadOnlyList<PhaseRecord> phases, IReadOnlyList<IntervalRow> intervals, double firstT, double lastT,
        LeakOptions options)
    {
        var warmUps = phases.Where(p => p.Kind == PhaseKind.WarmUp).ToList();
        var warmUpEnd = warmUps.Count > 0 ? warmUps.Max(p => p.End) : phases.Count > 0 ? phases.Min(p => p.Start) : firstT;
        var work = phases.Where(p => p.Kind != PhaseKind.WarmUp && p.End > warmUpEnd).ToList();
        var runEnd = Math.Max(lastT, work.Count > 0 ? work.Max(p => p.End) : lastT);
        if (work.Count == 0) return new RunWindows(warmUpEnd, lastT, null, runEnd);

        var levels = work.ToDictionary(p => p, p => Level(p, phases, intervals));
        var peak = levels.Values.DefaultIfEmpty(0).Max();
        double? coolStart = null;
        foreach (var phase in work.OrderByDescending(p => p.End))
        {
            var low = phase.Kind == PhaseKind.Pause || levels[phase] <= options.CoolDownLoadFraction * peak;
            if (!low)
            {
                if (coolStart is { } c) coolStart = Math.Max(c, phase.End);
                break;
            }
            coolStart = Math.Min(coolStart ?? phase.Start, phase.Start);
        }
        // Everything low means there was no load to cool down from.
        if (coolStart is { } cs && cs <= warmUpEnd) coolStart = null;
        var loadEnd = coolStart ?? work.Max(p => p.End);
        return new RunWindows(warmUpEnd, loadEnd, coolStart, runEnd);
    }

    /// <summary>Requests per second the phase did, else its configured rate or copies.</summary>
    private static double Level(PhaseRecord phase, IReadOnlyList<PhaseRecord> phases, IReadOnlyList<IntervalRow> intervals)
    {
        var requests = PhaseAttributor.RequestsIn(phase, intervals, phases);
        var seconds = Math.Max(1e-9, phase.End - phase.Start);
        if (requests > 0) return requests / seconds;
        return phase.Rate ?? phase.Copies ?? 0;
    }
}
