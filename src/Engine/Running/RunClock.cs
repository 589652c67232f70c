using System.Diagnostics;

namespace LoadLeak.Engine.Running;

/// <summary>
/// The one clock of a run. The engine's phases and intervals and the correlator's samples all
/// read it, so a second of load and a second of target state join on the same timestamp.
/// Time comes from a <see cref="TimeProvider"/>: the system's in a run, a virtual one in tests, so
/// that the engine's schedule does not depend on how busy the machine is.
/// </summary>
public sealed class RunClock
{
    private readonly TimeProvider _time;
    private readonly bool _system;
    private readonly long _startTicks;
    private readonly double _frequency;

    public RunClock() : this(TimeProvider.System) { }

    public RunClock(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _system = ReferenceEquals(time, TimeProvider.System);
        _frequency = time.TimestampFrequency;
        _startTicks = time.GetTimestamp();
        StartedAt = time.GetUtcNow();
    }

    public TimeProvider Time => _time;

    public DateTimeOffset StartedAt { get; }

    public TimeSpan Elapsed => _time.GetElapsedTime(_startTicks);

    public double Seconds => (_time.GetTimestamp() - _startTicks) / _frequency;

    /// <summary>Run seconds of a timestamp of this clock's time provider (a Stopwatch timestamp for the system clock).</summary>
    public double SecondsAt(long timestamp) => (timestamp - _startTicks) / _frequency;

    /// <summary>The time provider's timestamp: the engine schedules in these ticks so that it does not drift.</summary>
    /// <remarks>The hot path reads it two or three times per iteration and twice per step; the system clock skips the virtual call.</remarks>
    internal long Now() => _system ? Stopwatch.GetTimestamp() : _time.GetTimestamp();

    internal long Ticks(TimeSpan span) => Ticks(span.TotalSeconds);

    internal long Ticks(double seconds) => (long)Math.Round(seconds * _frequency);

    internal double ToSeconds(long ticks) => ticks / _frequency;

    internal double ToMilliseconds(long ticks) => ticks * 1000.0 / _frequency;

    internal TimeSpan Span(long ticks) => TimeSpan.FromSeconds(Math.Max(0, ticks / _frequency));

    internal Task Delay(TimeSpan span, CancellationToken stop) => Task.Delay(span, _time, stop);

    /// <summary>Waits until a timestamp; returns at once if it has passed (or is less than a millisecond away).</summary>
    internal Task WaitUntilAsync(long timestamp, CancellationToken stop)
    {
        var left = timestamp - Now();
        return left > _frequency / 1000 ? Delay(Span(left), stop) : Task.CompletedTask;
    }
}
