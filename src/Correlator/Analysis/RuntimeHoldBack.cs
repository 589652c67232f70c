using System.Globalization;
using LoadLeak.Results;

namespace LoadLeak.Correlator.Analysis;

/// <summary>
/// Resources a runtime holds back by design after the load: .NET's thread pool keeps an idle thread until its idle
/// timeout. A rise that has not had that long to go away is not evidence of a leak; the answer is "inconclusive",
/// with the reason. (Committed memory the GC keeps is handled where RSS is judged against the retained heap.)
/// </summary>
internal static class RuntimeHoldBack
{
    /// <summary>Why a rise that would be a leak cannot be judged; null when it can.</summary>
    public static string? Reason(LeakResource resource, IReadOnlyList<TargetSample> samples, RunWindows windows, LeakOptions options)
    {
        if (resource is not (LeakResource.Threads or LeakResource.ThreadPoolThreads)) return null;
        if (!samples.Any(s => s.ThreadPoolThreads is not null)) return null;
        var observed = ObservedCoolDown(resource, samples, windows);
        if (observed >= options.MinThreadPoolCoolDownSeconds) return null;
        var why = windows.CoolDownStart is null
            ? $"no cool-down, and the thread pool keeps idle threads for {F(options.ThreadPoolIdleSeconds)} s"
            : $"cool-down {F(observed)} s is shorter than the thread pool's {F(options.ThreadPoolIdleSeconds)} s idle timeout";
        why += $" (a cool-down of {F(options.MinThreadPoolCoolDownSeconds)} s lets idle pool threads retire before the recovery reading)";
        if (resource == LeakResource.ThreadPoolThreads) return why;

        // OS threads include the pool's: only the part of their rise the pool accounts for is held back.
        var os = RecoveryCheck.Rise(LeakResource.Threads, samples, windows);
        var pool = RecoveryCheck.Rise(LeakResource.ThreadPoolThreads, samples, windows);
        if (os is { } o && pool is { } p && o - p >= options.MinThreadGrowth) return null;
        return pool is { } held && os is { } all
            ? $"{why}; the thread pool holds {F(held)} of the {F(all)} OS threads above the baseline"
            : $"{why}; the thread pool's count is missing at the end, so its share of the OS threads is unknown";
    }

    /// <summary>How long after the load the resource was still read (the recovery check's window).</summary>
    private static double ObservedCoolDown(LeakResource resource, IReadOnlyList<TargetSample> samples, RunWindows windows)
    {
        if (windows.CoolDownStart is not { } start) return 0;
        var last = samples.Where(s => s.T >= start && ResourceSeries.ValueOf(s, resource) is not null).Select(s => s.T).DefaultIfEmpty(start).Max();
        return last - start;
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
