using System.Diagnostics;

namespace LoadLeak.Engine.Running;

/// <summary>Conversions between Stopwatch ticks and seconds; the drivers schedule in ticks to avoid drift.</summary>
internal static class Clock
{
    public static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    public static long Ticks(double seconds) => (long)(seconds * Stopwatch.Frequency);

    public static double Seconds(long ticks) => ticks / (double)Stopwatch.Frequency;

    public static TimeSpan Span(long ticks) => TimeSpan.FromSeconds(Math.Max(0, Seconds(ticks)));

    /// <summary>Waits until a Stopwatch timestamp; returns at once if it has passed.</summary>
    public static async Task WaitUntilAsync(long timestamp, CancellationToken stop)
    {
        var left = timestamp - Stopwatch.GetTimestamp();
        if (left > Stopwatch.Frequency / 1000) await Task.Delay(Span(left), stop).ConfigureAwait(false);
    }
}
