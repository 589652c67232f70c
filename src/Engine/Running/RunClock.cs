using System.Diagnostics;

namespace LoadLeak.Engine.Running;

/// <summary>
/// The one clock of a run. The engine's phases and intervals and the correlator's samples all
/// read it, so a second of load and a second of target state join on the same timestamp.
/// </summary>
public sealed class RunClock
{
    private readonly long _startTicks = Stopwatch.GetTimestamp();

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_startTicks);

    public double Seconds => Elapsed.TotalSeconds;

    /// <summary>Run seconds of a Stopwatch timestamp taken elsewhere.</summary>
    public double SecondsAt(long stopwatchTimestamp) =>
        (stopwatchTimestamp - _startTicks) / (double)Stopwatch.Frequency;
}
