namespace LoadLeak.Tests.Engine.VirtualTime;

/// <summary>
/// Whether every thread of this process but the caller is asleep, from /proc. The thread pool's counters cannot
/// tell: the test host parks some pool workers in blocking calls, where they count as busy forever. A thread's State
/// and its context-switch counts can: one that ran between two scans has switched out since (or still runs), so two
/// scans with every thread asleep and no count changed prove a moment in between when no thread could run, and with
/// nothing queued on the pool then, none will until a timer fires. Every thread counts, not only the pool's workers:
/// a worker can wait on a runtime lock (type loading, JIT) that another thread holds while it runs. The scans are
/// at least <see cref="Gap"/> apart, so a thread in a short timed sleep (a spin-wait's Sleep(1)) has woken in between.
/// </summary>
internal static class ProcessQuiescence
{
    public static int CurrentThreadId()
    {
        var target = new FileInfo("/proc/thread-self").LinkTarget ?? throw new PlatformNotSupportedException("/proc/thread-self");
        return int.Parse(target[(target.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(2);

    /// <param name="self">The caller's thread id (<see cref="CurrentThreadId"/>).</param>
    /// <param name="idle">The work's own account of what it still runs; checked around both scans.</param>
    public static bool Quiet(int self, Func<bool> idle)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (!idle() || Scan(self) is not { } before || ThreadPool.PendingWorkItemCount != 0 || !idle()) return false;
        // From the end of the first scan: a scan can take longer than the gap (the caller preempted mid-scan), and a
        // thread read last in it and first in the next would otherwise be read twice within microseconds.
        started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (System.Diagnostics.Stopwatch.GetElapsedTime(started) < Gap) Thread.SpinWait(50);
        if (Scan(self) is not { } after || ThreadPool.PendingWorkItemCount != 0 || !idle()) return false;
        return before.Count == after.Count && before.All(kv => after.TryGetValue(kv.Key, out var switches) && switches == kv.Value);
    }

    /// <summary>Context switches per thread; null as soon as one thread is running, runnable, in uninterruptible sleep or gone.</summary>
    private static Dictionary<int, long>? Scan(int self)
    {
        var switches = new Dictionary<int, long>();
        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            var tid = int.Parse(Path.GetFileName(dir), System.Globalization.CultureInfo.InvariantCulture);
            if (tid == self) continue;
            string status;
            try
            {
                status = File.ReadAllText(dir + "/status");
            }
            catch (IOException)
            {
                return null; // the thread exited while we looked: something ran
            }
            if (Field(status, "State:") is not ['S', ..]) return null;
            switches[tid] = long.Parse(Field(status, "voluntary_ctxt_switches:"), System.Globalization.CultureInfo.InvariantCulture)
                            + long.Parse(Field(status, "nonvoluntary_ctxt_switches:"), System.Globalization.CultureInfo.InvariantCulture);
        }
        return switches;
    }

    private static string Field(string status, string name)
    {
        var at = status.IndexOf("\n" + name, StringComparison.Ordinal);
        if (at < 0) throw new InvalidDataException($"no {name} in /proc/self/task/*/status");
        var start = at + name.Length + 1;
        var end = status.IndexOf('\n', start);
        return status[start..(end < 0 ? status.Length : end)].Trim();
    }
}
