using LoadLeak.Correlator.Retained;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace LoadLeak.Tests.Correlator;

public class GcMatchTests
{
    [Fact]
    public void The_induced_blocking_gen2_GC_is_matched_by_number_past_a_background_GC_and_its_foreground_GCs()
    {
        var match = new GcMatch();
        // A background GC was running when the session started; ephemeral GCs ran inside it.
        match.OnStart(10, 2, GCReason.AllocSmall, GCType.BackgroundGC);
        match.OnStart(11, 1, GCReason.AllocSmall, GCType.ForegroundGC);
        match.OnEnd(11);
        match.OnHeapStats(111, 111);
        match.OnEnd(10);
        match.OnHeapStats(100, 100);
        Assert.Null(match.GcNumber);
        Assert.Null(match.Survived);

        match.OnStart(12, 2, GCReason.Induced, GCType.NonConcurrentGC);
        match.OnEnd(12);
        Assert.Null(match.Survived);
        match.OnHeapStats(120, 125);

        Assert.Equal(12, match.GcNumber);
        Assert.Equal(120, match.Survived);
        Assert.Equal(125, match.HeapSize);
        Assert.Equal("#10 gen2 AllocSmall BackgroundGC", match.Trace[0]);
    }

    [Fact]
    public void Heap_stats_before_the_end_count_too_but_not_those_of_a_later_GC()
    {
        var statsFirst = new GcMatch();
        statsFirst.OnStart(5, 2, GCReason.InducedNotForced, GCType.NonConcurrentGC);
        statsFirst.OnHeapStats(50, 50);
        statsFirst.OnEnd(5);
        Assert.Equal(50, statsFirst.Survived);

        // The induced GC's own stats were lost: the next (ephemeral) GC's stats must not stand in for them.
        var lost = new GcMatch();
        lost.OnStart(7, 2, GCReason.Induced, GCType.NonConcurrentGC);
        lost.OnEnd(7);
        lost.OnStart(8, 0, GCReason.AllocSmall, GCType.NonConcurrentGC);
        lost.OnEnd(8);
        lost.OnHeapStats(80, 80);
        Assert.Equal(7, lost.GcNumber);
        Assert.Null(lost.Survived);
    }

    [Fact]
    public void A_full_GC_the_runtime_chose_itself_is_not_the_induced_one()
    {
        var match = new GcMatch();
        match.OnStart(3, 2, GCReason.LowMemory, GCType.NonConcurrentGC);
        match.OnEnd(3);
        match.OnHeapStats(30, 30);
        match.OnStart(4, 2, GCReason.AllocLarge, GCType.BackgroundGC);
        match.OnEnd(4);
        match.OnHeapStats(40, 40);

        Assert.Null(match.GcNumber);
        Assert.Null(match.Survived);
        Assert.Equal(2, match.Trace.Count);
    }
}
