using System.Diagnostics;
using LoadLeak.Results;

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
    /// Runs <paramref name="action"/> when the clock reads <paramref name="targetNs"/>, on a thread of its own:
    /// it sleeps most of the way and spins the last milliseconds, so a busy thread pool cannot make the start
    /// late. Returns the action's result and how late it ran, in nanoseconds.
    /// </summary>
    public static Task<(T Value, long LateNs)> RunAtAsync<T>(long targetNs, Func<T> action, CancellationToken ct)
    {
        const long SpinNs = 2_000_000;
        var done = new TaskCompletionSource<(T, long)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                for (var left = targetNs - NowNs; left > 0; left = targetNs - NowNs)
                {
                    ct.ThrowIfCancellationRequested();
                    if (left > SpinNs) Thread.Sleep(TimeSpan.FromTicks(Math.Min(left - SpinNs, 50_000_000) / 100));
                    else Thread.SpinWait(20);
                }
                var late = NowNs - targetNs;
                done.TrySetResult((action(), late));
            }
            catch (OperationCanceledException)
            {
                done.TrySetCanceled(ct);
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        })
        { IsBackground = true, Name = "cluster start" };
        thread.Start();
        return done.Task;
    }
}
