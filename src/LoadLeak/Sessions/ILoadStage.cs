using LoadLeak.Engine.Running;

namespace LoadLeak.Sessions;

/// <summary>
/// The load stage: drives the scenarios on the run clock and reports phases and intervals to the observer.
/// The local engine today (<see cref="LocalLoadStage"/>); a cluster coordinator that spreads the load over
/// remote agents implements the same.
/// </summary>
internal interface ILoadStage
{
    Task<EngineResult> RunAsync(EngineSettings settings, RunClock clock, IEngineObserver observer, CancellationToken ct);
}
