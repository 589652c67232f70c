namespace LoadLeak.Engine.Stats;

/// <summary>Operation counts of a phase or a scenario, as one interval row or the totals report them.</summary>
internal readonly record struct PhaseCounts(long Ok, long Fail, long Bytes, long Late, long Dropped)
{
    public long Total => Ok + Fail;

    public static PhaseCounts operator +(PhaseCounts a, PhaseCounts b) =>
        new(a.Ok + b.Ok, a.Fail + b.Fail, a.Bytes + b.Bytes, a.Late + b.Late, a.Dropped + b.Dropped);

    public static PhaseCounts operator -(PhaseCounts a, PhaseCounts b) =>
        new(a.Ok - b.Ok, a.Fail - b.Fail, a.Bytes - b.Bytes, a.Late - b.Late, a.Dropped - b.Dropped);
}
