using LoadLeak.Engine.Running;
using LoadLeak.Engine.Schedules;

namespace LoadLeak.Engine.Stats;

/// <summary>
/// One phase of one scenario as the hot path sees it. An iteration is counted (ok, fail, bytes, late,
/// dropped) and timed into the meter of the phase it started in, even when it ends after the phase did,
/// so a boundary never moves work into the next phase (a Pause never carries the load before it).
/// The in-flight count tells the reporter when the phase's last row is complete.
/// </summary>
internal sealed class PhaseMeter(
    PlannedPhase phase, long start, long plannedEnd, double startSeconds, IntervalRecorders recorders, IterationBudget? budget)
{
    private readonly TaskCompletionSource _switched = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _inFlight;

    public PlannedPhase Phase { get; } = phase;
    public bool Measured { get; } = phase.Measured;
    public long Start { get; } = start;

    /// <summary>The planned end timestamp; <see cref="long.MaxValue"/> when the phase lasts until its iterations are done.</summary>
    public long PlannedEnd { get; } = plannedEnd;

    public double StartSeconds { get; } = startSeconds;
    public double PlannedEndSeconds { get; } = phase.Duration is { } d ? startSeconds + d.TotalSeconds : double.PositiveInfinity;
    public IterationBudget? Budget { get; } = budget;
    public IntervalRecorders Recorders { get; } = recorders;
    public AtomicCounts Counts { get; } = new();

    public int InFlight => (int)Volatile.Read(ref _inFlight);

    /// <summary>Completes when the next phase has taken over (or the scenario ended), for copies waiting at the boundary.</summary>
    public Task Switched => _switched.Task;

    /// <summary>
    /// Closed model: joins the phase if it is open to work (not a Pause, before its planned end, budget left) and returns the
    /// start timestamp. Counted in flight before the clock is read, so the reporter, which closes a phase only
    /// after its end and with nothing in flight, can never miss an iteration that starts inside it.
    /// </summary>
    public bool TryEnter(RunClock clock, out long startTimestamp)
    {
        Interlocked.Increment(ref _inFlight);
        startTimestamp = clock.Now();
        if (startTimestamp < PlannedEnd && !Phase.IsPause && (Budget is null || Budget.TryTake())) return true;
        Interlocked.Decrement(ref _inFlight);
        return false;
    }

    /// <summary>Open model: the schedule placed the iteration inside this phase, whenever it actually starts.</summary>
    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Leave() => Interlocked.Decrement(ref _inFlight);

    public void Switch() => _switched.TrySetResult();

    // Reporter state, guarded by the scenario's PhaseRows lock.
    public bool Ended { get; set; }
    public double EndSeconds { get; set; } = double.PositiveInfinity;
    public double LastRowSeconds { get; set; } = startSeconds;
    public PhaseCounts AtLastRow { get; set; }

    /// <summary>The last row was taken and the recorders went to the next phase: they are no longer this phase's.</summary>
    public bool RowsDone { get; set; }
}
