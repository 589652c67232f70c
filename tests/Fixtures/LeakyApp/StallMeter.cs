using System.Diagnostics;

namespace LeakyApp;

/// <summary>
/// Measures from inside how long this process was frozen: a thread that wakes every
/// millisecond records the longest gap between wake-ups. While a dump is written the runtime
/// suspends every thread, so the gap across a snapshot is the target's real pause (plus
/// scheduling noise), to compare with the snapshotter's upper bound.
/// </summary>
internal sealed class StallMeter
{
    private long _maxGapTicks;

    public StallMeter()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "stall-meter" };
        thread.Start();
    }

    /// <summary>The longest gap since the previous call, in milliseconds.</summary>
    public double TakeMaxGapMs() => Interlocked.Exchange(ref _maxGapTicks, 0) * 1000.0 / Stopwatch.Frequency;

    private void Run()
    {
        var last = Stopwatch.GetTimestamp();
        while (true)
        {
            Thread.Sleep(1);
            var now = Stopwatch.GetTimestamp();
            var gap = now - last;
            last = now;
            long seen;
            while (gap > (seen = Interlocked.Read(ref _maxGapTicks)) && Interlocked.CompareExchange(ref _maxGapTicks, gap, seen) != seen)
            {
            }
        }
    }
}
