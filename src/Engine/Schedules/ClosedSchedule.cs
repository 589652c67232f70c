using LoadLeak.Engine.Simulations;

namespace LoadLeak.Engine.Schedules;

/// <summary>
/// The number of copies a closed-model segment wants at each moment. Pure: no clock, no tasks,
/// so the shape of a ramp can be tested without running anything.
/// </summary>
public sealed class ClosedSchedule
{
    private readonly int _from;

    private ClosedSchedule(int from, int to, TimeSpan? during, long? iterations)
    {
        _from = from;
        TargetCopies = to;
        Duration = during;
        Iterations = iterations;
    }

    /// <summary>The copies the segment ends with (RampingConstant's Copies, KeepConstant's Copies, ...).</summary>
    public int TargetCopies { get; }

    /// <summary>How long the segment lasts; null when it lasts until <see cref="Iterations"/> are done.</summary>
    public TimeSpan? Duration { get; }

    /// <summary>True when the copies do not change during the segment (KeepConstant, Pause, a ramp to where it already is).</summary>
    public bool IsSteady => _from == TargetCopies;

    /// <summary>IterationsForConstant's total; null for time-bound segments.</summary>
    public long? Iterations { get; }

    /// <param name="previousCopies">Copies at the end of the previous segment; RampingConstant starts there (0 for the first).</param>
    public static ClosedSchedule For(LoadSimulation simulation, int previousCopies) => simulation switch
    {
        RampingConstant r => new ClosedSchedule(previousCopies, r.Copies, r.During, null),
        KeepConstant k => new ClosedSchedule(k.Copies, k.Copies, k.During, null),
        IterationsForConstant i => new ClosedSchedule(i.Copies, i.Copies, null, i.Iterations),
        Pause p => new ClosedSchedule(0, 0, p.During, null),
        _ => throw new ArgumentException($"{simulation.Describe()} is not a closed-model simulation", nameof(simulation)),
    };

    /// <summary>Copies wanted at <paramref name="offsetSeconds"/> after the segment started (linear ramp, rounded to nearest).</summary>
    public int CopiesAt(double offsetSeconds)
    {
        if (Duration is not { } during || _from == TargetCopies) return TargetCopies;
        var fraction = Math.Clamp(offsetSeconds / during.TotalSeconds, 0, 1);
        return (int)Math.Round(_from + (TargetCopies - _from) * fraction, MidpointRounding.AwayFromZero);
    }
}
