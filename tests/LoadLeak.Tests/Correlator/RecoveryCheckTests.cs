using LoadLeak.Correlator.Analysis;
using LoadLeak.Results;
using static LoadLeak.Tests.Correlator.SyntheticRun;

namespace LoadLeak.Tests.Correlator;

public class RecoveryCheckTests
{
    private const double Base = 200 * Mb, Garbage = 90 * Mb, Grown = 50 * Mb;
    private static readonly RunWindows Windows = new(WarmUpEnd: 60, LoadEnd: 300, CoolDownStart: 300, RunEnd: 360);

    /// <summary>The heap retains 50 MB over the load and keeps it; the post-GC counter always carries 90 MB of gen2 garbage.</summary>
    private static List<TargetSample> Samples() => Enumerable.Range(1, 360)
        .Select(t => new TargetSample { T = t, PostGcHeapBytes = Base + Garbage + (t < 60 ? 0 : Grown * Math.Min(1, (t - 60) / 240.0)) })
        .ToList();

    [Fact]
    public void Without_a_forced_reading_at_warm_up_end_the_forced_one_after_cool_down_is_not_compared_with_a_garbage_laden_one()
    {
        // Issue 17 item 4: the warm-up-end GC was missed; only the one after cool-down exists. Against the counter's
        // baseline (garbage included) the kept 50 MB looked like 40 MB freed: "recovered".
        var marks = new[] { new RetainedMark(355, "end", Base + Grown, "after-load") };

        var recovery = RecoveryCheck.Check(LeakResource.Heap, Samples(), marks, Windows, LeakOptions.Default)!;

        Assert.False(recovery.Recovered);
        Assert.Equal(Grown, recovery.AfterCoolDown - recovery.Baseline, 0);
        Assert.Equal("samples at warm-up end → last samples of cool-down", recovery.Evidence);
    }

    [Fact]
    public void With_forced_readings_at_both_ends_they_decide()
    {
        var marks = new[]
        {
            new RetainedMark(60.3, "before http/1", Base, "phase-boundary"), new RetainedMark(355, "end", Base + Grown, "after-load"),
        };

        var recovery = RecoveryCheck.Check(LeakResource.Heap, Samples(), marks, Windows, LeakOptions.Default)!;

        Assert.Equal((Base, Base + Grown), (recovery.Baseline, recovery.AfterCoolDown));
        Assert.Equal("induced GC at warm-up end → induced GC after cool-down", recovery.Evidence);
    }
}
