using LoadLeak.Correlator.Analysis;
using LoadLeak.Results;
using static LoadLeak.Tests.Correlator.SyntheticRun;

namespace LoadLeak.Tests.Correlator;

/// <summary>
/// Issue 17's service: requests block pool threads at 4/8/16 copies; .NET keeps an idle pool thread for 20 s, so a
/// 15 s cool-down cannot tell the pool's threads from leaked ones.
/// </summary>
public class ThreadPoolRecoveryTests
{
    private const double Base = 50 * Mb;
    private const double OtherThreads = 15;

    /// <summary>warm-up 0–10 s, 4/8/16 copies for 30 s each, then a pause of <paramref name="coolDown"/> seconds.</summary>
    private static SyntheticRun Run(double coolDown) => new SyntheticRun()
        .Phase("warmup", PhaseKind.WarmUp, 0, 10, 2)
        .Phase("copies-4", PhaseKind.Load, 10, 40, 4)
        .Phase("copies-8", PhaseKind.Load, 40, 70, 8)
        .Phase("copies-16", PhaseKind.Load, 70, 100, 16)
        .Phase("cool-down", PhaseKind.Pause, 100, 100 + coolDown, 0);

    /// <summary>5 at rest; copies-4 adds 4 slowly, copies-8 adds 2, copies-16 adds 11 as it starts; idle ones retire 20 s after the load.</summary>
    private static double PoolThreads(double t) => t switch
    {
        <= 10 => 5,
        <= 40 => 5 + Math.Floor((t - 10) / 7.5),
        <= 70 => 11,
        <= 73 => 11 + Math.Round((t - 70) * 11 / 3),
        <= 120 => 22,
        _ => 3,
    };

    private static TargetSample Sample(double t, TargetSample s) => s with
    {
        PostGcHeapBytes = Base,
        ThreadPoolThreads = PoolThreads(t),
        OsThreads = PoolThreads(t) + OtherThreads,
    };

    [Fact]
    public void Pool_threads_held_through_a_short_cool_down_are_inconclusive_with_the_reason_never_a_leak()
    {
        var result = Run(coolDown: 15).Samples(Sample).Analyze();

        Assert.Equal(LeakVerdict.Inconclusive, result.Leak.Verdict);
        Assert.DoesNotContain(result.Leak.Findings, f => f.IsLeak);
        foreach (var resource in new[] { LeakResource.Threads, LeakResource.ThreadPoolThreads })
        {
            var finding = Assert.Single(result.Leak.Findings, f => f.Resource == resource);
            Assert.Equal(LeakVerdict.Inconclusive, finding.Verdict);
            Assert.StartsWith("inconclusive: ", finding.Summary, StringComparison.Ordinal);
            Assert.Contains("cool-down 15 s is shorter than the thread pool's 20 s idle timeout", finding.Summary, StringComparison.Ordinal);
        }
        Assert.Contains("the thread pool holds 17 of the 17 OS threads above the baseline",
            Assert.Single(result.Leak.Findings, f => f.Resource == LeakResource.Threads).Summary, StringComparison.Ordinal);
        Assert.Contains(result.Leak.Notes, n => n.StartsWith("thread-pool-threads: inconclusive", StringComparison.Ordinal));
    }

    [Fact]
    public void Findings_name_the_thread_series_they_test()
    {
        var findings = Run(coolDown: 15).Samples(Sample).Analyze().Leak.Findings;

        Assert.StartsWith("inconclusive: threads (OS threads) +", findings.Single(f => f.Resource == LeakResource.Threads).Summary,
            StringComparison.Ordinal);
        Assert.StartsWith("inconclusive: thread-pool-threads (runtime thread-pool counter) +",
            findings.Single(f => f.Resource == LeakResource.ThreadPoolThreads).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cool_down_longer_than_the_idle_timeout_sees_the_pool_retire_and_says_no_leak()
    {
        var result = Run(coolDown: 35).Samples(Sample).Analyze();

        Assert.Equal(LeakVerdict.NoLeak, result.Leak.Verdict);
        var pool = Assert.Single(result.Leak.Findings, f => f.Resource == LeakResource.ThreadPoolThreads);
        Assert.Equal(LeakVerdict.NoLeak, pool.Verdict);
        Assert.True(pool.Recovered, pool.Summary);
    }

    [Fact]
    public void The_steepest_phase_is_the_one_with_the_most_growth_per_second_over_the_phase()
    {
        var findings = Run(coolDown: 15).Samples(Sample).Analyze().Leak.Findings;

        Assert.Equal("copies-16", findings.Single(f => f.Resource == LeakResource.ThreadPoolThreads).Phase);
        Assert.Equal("copies-16", findings.Single(f => f.Resource == LeakResource.Threads).Phase);
    }

    [Fact]
    public void Dedicated_threads_that_leak_beside_a_flat_pool_are_still_a_leak_after_a_short_cool_down()
    {
        var result = Run(coolDown: 15)
            .Samples((t, s) => s with { PostGcHeapBytes = Base, ThreadPoolThreads = 5, OsThreads = 20 + Math.Floor(Math.Max(0, t - 10) / 3) })
            .Analyze();

        Assert.Equal(LeakVerdict.Leak, result.Leak.Verdict);
        var threads = Assert.Single(result.Leak.Findings, f => f.Resource == LeakResource.Threads);
        Assert.True(threads.IsLeak, threads.Summary);
        Assert.Equal(LeakVerdict.Leak, threads.Verdict);
    }

    [Fact]
    public void Pool_threads_are_a_separate_phase_delta()
    {
        var ramp = Assert.Single(Run(coolDown: 15).Samples(Sample).Analyze().Attribution, a => a.Phase == "copies-16");

        Assert.Equal(11, ramp.ThreadPoolThreadsDelta);
        Assert.Equal(11, ramp.ThreadsDelta);
    }
}
