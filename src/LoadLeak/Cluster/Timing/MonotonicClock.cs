using System.Diagnostics;

namespace LoadLeak.Cluster.Timing;

/// <summary>This process's monotonic clock in nanoseconds (Stopwatch), the clock cluster offsets are measured on.</summary>
internal static class MonotonicClock
{
    private const long NsPerSecond = 1_000_000_000;

    public static long NowNs => ToNs(Stopwatch.GetTimestamp());

    public static long ToNs(long stopwatchTimestamp)
    {
        var frequency = Stopwatch.Frequency;
        if (frequency == NsPerSecond) return stopwatchTimestamp;
        return stopwatchTimestamp / frequency * NsPerSecond + stopwatchTimestamp % frequency * NsPerSecond / frequency;
    }

    /// <summary>
    /// Waits until the clock reads <paramref name="targetNs"/>: sleeps most of the way, then spins the last
    /// milliseconds (timer wake-ups are coarse, and later still on a busy machine). Returns how late it woke, in nanoseconds.
    /// </summary>
    public static async Task<long> WaitUntilAsync(long targetNs, CancellationToken ct)
    {
        const long SpinNs = 15_000_000;
        var left = targetNs - NowNs;
        if (left > SpinNs) await Task.Delay(TimeSpan.FromTicks((left - SpinNs) / 100), ct).ConfigureAwait(false);
        var spinner = new SpinWait();
        while (NowNs < targetNs)
        {
            ct.ThrowIfCancellationRequested();
            spinner.SpinOnce(sleep1Threshold: -1);
        }
        return NowNs - targetNs;
    }
}
