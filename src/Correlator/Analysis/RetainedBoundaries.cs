using LoadLeak.Results;

namespace LoadLeak.Correlator.Analysis;

/// <summary>
/// The retained Δ of a phase, only ever between two readings taken right after a forced full GC: the one asked for at the
/// phase's start boundary and the one asked for at its end. A reading belongs to the boundary it was asked for
/// (<see cref="RetainedMark.RequestedT"/>), not to the time its GC ran, which is later when the GC waited for a heap dump.
/// A boundary whose reading is missing gives no Δ and says so; nothing stands in for it (the post-GC counter follows
/// ephemeral GCs and still holds garbage, so a Δ against it can show memory freed that never was).
/// </summary>
internal static class RetainedBoundaries
{
    /// <summary>Concurrent scenarios switching within this share one boundary reading (see RetainedHeapProbe).</summary>
    private const double SharedBefore = 2;

    /// <summary>How long after a boundary a reading asked for then may have been asked for (a late control tick).</summary>
    private const double AskedWithin = 10;

    /// <returns>The Δ, null without a reading at both boundaries; Missing is true when a boundary's reading was asked for and
    /// not taken.</returns>
    public static (double? Bytes, bool Missing) Delta(IReadOnlyList<RetainedMark> measured, IReadOnlyList<RetainedMark> missed, PhaseRecord phase)
    {
        var start = At(measured, missed, phase.Start);
        var end = At(measured, missed, phase.End);
        if (start?.Reading == RetainedReading.Missing || end?.Reading == RetainedReading.Missing) return (null, true);
        if (start is null || end is null || ReferenceEquals(start, end) || end.T <= start.T) return (null, false);
        return (end.HeapBytes - start.HeapBytes, false);
    }

    /// <summary>The reading asked for nearest the boundary, measured or missing; null when none was asked for there.</summary>
    private static RetainedMark? At(IReadOnlyList<RetainedMark> measured, IReadOnlyList<RetainedMark> missed, double boundary) =>
        measured.Concat(missed)
            .Where(m => Asked(m) >= boundary - SharedBefore && Asked(m) <= boundary + AskedWithin)
            .OrderBy(m => Math.Abs(Asked(m) - boundary)).ThenBy(m => m.Reading)
            .FirstOrDefault();

    private static double Asked(RetainedMark mark) => mark.RequestedT ?? mark.T;
}
