using LoadLeak.Engine.Simulations;
using LoadLeak.Results;

namespace LoadLeak.Engine.Schedules;

/// <summary>
/// One phase of a scenario as planned before it runs: the simulation, its schedule (closed or open)
/// and what the phase timeline will call it. Rate is per second whatever the simulation's interval.
/// </summary>
public sealed record PlannedPhase(
    string Name,
    PhaseKind Kind,
    LoadSimulation Simulation,
    ClosedSchedule? Closed,
    InjectionSchedule? Open,
    int? Copies,
    double? RatePerSecond)
{
    public bool Measured => Kind != PhaseKind.WarmUp;

    public bool IsPause => Kind == PhaseKind.Pause;

    /// <summary>Planned length; null when the phase runs until its iterations are done.</summary>
    public TimeSpan? Duration => Closed?.Duration ?? Open?.Duration;
}
