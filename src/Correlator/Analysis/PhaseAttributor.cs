using LoadLeak.Engine.Running;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;

namespace LoadLeak.Correlator.Analysis;

/// <summary>What changed in the target over each phase: deltas, allocation, GC pause share, requests.</summary>
internal static class PhaseAttributor
{
    public static IReadOnlyList<PhaseAttribution> Attribute(AnalysisInput input) =>
        input.Phases.OrderBy(p => p.Start).ThenBy(p => p.Scenario, StringComparer.Ordinal)
            .Select(p => Attribute(p, input)).ToList();

    /// <summary>
    /// The requests of the rows the engine credited to the phase (each request counts in the phase its work started in).
    /// Only rows that name no phase of the scenario (a run file written without phase names) are placed by time, and never
    /// in a Pause: a boundary row ends exactly at the boundary, so a time window would hand a neighbour's work to it.
    /// </summary>
    public static long RequestsIn(PhaseRecord phase, IReadOnlyList<IntervalRow> intervals, IReadOnlyList<PhaseRecord> phases)
    {
        var rows = intervals.Where(r => r.Scenario == phase.Scenario && r.Phase == phase.Name).ToList();
        if (rows.Count == 0 && phase.Kind != PhaseKind.Pause)
        {
            var named = phases.Where(p => p.Scenario == phase.Scenario).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            rows = intervals.Where(r => r.Scenario == phase.Scenario && !named.Contains(r.Phase) && r.T > phase.Start && r.T <= phase.End + 0.5)
                .ToList();
        }
        return rows.Sum(r => r.Ok + r.Fail);
    }

    /// <summary>Value at the end minus value at the start of [start, end]; null if either is unknown.</summary>
    public static double? Delta(IReadOnlyList<TargetSample> samples, Func<TargetSample, double?> value, double start, double end) =>
        Delta(samples, s => s.T, value, start, end);

    /// <summary>From the last reading at or before the start (else the first inside) to the last inside; samples in T order.</summary>
    public static double? Delta<TSample>(
        IReadOnlyList<TSample> samples, Func<TSample, double> t, Func<TSample, double?> value, double start, double end)
    {
        double? first = null, last = null;
        foreach (var s in samples)
        {
            if (t(s) > end + 0.5) break;
            if (value(s) is not { } v) continue;
            if (t(s) <= start + 0.5) { first = v; continue; }
            first ??= v;
            last = v;
        }
        return first is { } a && last is { } b ? b - a : null;
    }

    private static PhaseAttribution Attribute(PhaseRecord phase, AnalysisInput input)
    {
        var samples = input.Samples;
        var inside = samples.Where(s => s.T > phase.Start && s.T <= phase.End + 0.5).ToList();
        var seconds = phase.End - phase.Start;
        var pauses = inside.Where(s => s.GcPauseMs is not null).ToList();
        var (retained, missing) = RetainedBoundaries.Delta(input.Retained, input.MissedRetained, phase);
        return new PhaseAttribution
        {
            Phase = phase.Name,
            Scenario = phase.Scenario,
            Start = phase.Start,
            End = phase.End,
            Requests = RequestsIn(phase, input.Intervals, input.Phases),
            HeapDeltaBytes = Delta(samples, s => s.GcHeapBytes, phase.Start, phase.End),
            RetainedDeltaBytes = retained,
            RetainedReading = missing ? RetainedReading.Missing : null,
            RssDeltaBytes = Delta(samples, s => ResourceSeries.ValueOf(s, LeakResource.Rss), phase.Start, phase.End),
            ThreadsDelta = Delta(samples, s => ResourceSeries.ValueOf(s, LeakResource.Threads), phase.Start, phase.End),
            TimersDelta = Delta(samples, s => s.Timers, phase.Start, phase.End),
            FdsDelta = Delta(samples, s => s.Fds, phase.Start, phase.End),
            GoroutinesDelta = Delta(samples, s => s.Goroutines, phase.Start, phase.End),
            ThreadPoolThreadsDelta = Delta(samples, s => s.ThreadPoolThreads, phase.Start, phase.End),
            AllocRateBytesPerSec = Mean(inside, s => s.AllocRateBytesPerSec),
            GcPauseShare = pauses.Count == 0 || seconds <= 0 ? null : pauses.Sum(s => s.GcPauseMs!.Value) / (seconds * 1000),
        };
    }

    private static double? Mean(IEnumerable<TargetSample> samples, Func<TargetSample, double?> value)
    {
        var values = samples.Select(value).OfType<double>().ToList();
        return values.Count == 0 ? null : values.Average();
    }
}
