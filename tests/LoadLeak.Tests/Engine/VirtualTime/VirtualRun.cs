namespace LoadLeak.Tests.Engine.VirtualTime;

/// <summary>
/// Runs a piece of work (an engine run) on virtual time. The work runs on the thread pool; a thread of its own
/// waits until the process is quiet (<see cref="ProcessQuiescence"/>: every task of the work is waiting, and in
/// these tests they can only wait on the clock or on each other), then moves the clock to the next timer. Quiet needs
/// the work's own count to agree: no thread inside the work (<see cref="WorkActivity"/>, which also sees a thread of
/// the work blocked in a short sleep, where /proc shows it asleep) and no timer callback queued or running. Time never
/// moves while anything can still run, so how busy the machine is cannot change what the work measures; other
/// threads of the test host only make it wait longer. The engine tests run one at a time (<see cref="EngineRuns"/>).
/// </summary>
internal static class VirtualRun
{
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(60);

    public static async Task<T> RunAsync<T>(VirtualClock clock, Func<Task<T>> work, double maxVirtualSeconds = 3600)
    {
        var started = new TaskCompletionSource<Task<T>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var failure = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var driver = new Thread(() =>
        {
            try
            {
                var self = ProcessQuiescence.CurrentThreadId();
                // The driver's own first scan loads and compiles what it runs, so no worker can ever wait on that.
                ProcessQuiescence.Quiet(self, static () => true);
                var activity = new WorkActivity();
                var running = activity.Start(work);
                started.SetResult(running);
                bool Idle() => activity.Running == 0 && clock.Firing == 0;
                if (Drive(clock, running, self, Idle, maxVirtualSeconds) is { } problem) failure.TrySetException(new TimeoutException(problem));
            }
            catch (Exception e)
            {
                started.TrySetException(e);
                failure.TrySetException(e);
            }
        })
        { IsBackground = true, Name = "virtual time" };
        driver.Start();
        return await await Task.WhenAny(await started.Task, failure.Task);
    }

    /// <summary>Returns null when the work completed, else why it was abandoned.</summary>
    private static string? Drive(VirtualClock clock, Task work, int self, Func<bool> idle, double maxVirtualSeconds)
    {
        var stalled = System.Diagnostics.Stopwatch.StartNew();
        while (!work.IsCompleted)
        {
            if (!WaitQuiet(work, self, idle, stalled))
                return work.IsCompleted ? null : $"the process never went quiet in {StallLimit} (at virtual {clock.Seconds:F3} s)";
            if (work.IsCompleted) return null;
            if (clock.Seconds > maxVirtualSeconds) return $"the work ran past virtual second {maxVirtualSeconds}";
            if (clock.AdvanceToNextTimer())
            {
                stalled.Restart();
                continue;
            }
            // Quiet with no timer armed: the work waits on something that is not time; give it a moment, not forever.
            if (stalled.Elapsed > StallLimit) return $"the work waits on something other than the clock (at virtual {clock.Seconds:F3} s)";
            Thread.Sleep(1);
        }
        return null;
    }

    private static bool WaitQuiet(Task work, int self, Func<bool> idle, System.Diagnostics.Stopwatch since)
    {
        var spin = new SpinWait();
        while (!work.IsCompleted)
        {
            if (ProcessQuiescence.Quiet(self, idle)) return true;
            if (since.Elapsed > StallLimit) return false;
            spin.SpinOnce();
        }
        return true;
    }
}
