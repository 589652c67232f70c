using LoadLeak.Cli;
using LoadLeak.Targets;

namespace LoadLeak.Sessions;

/// <summary>
/// The target stage: launches or attaches to the target and waits until it is ready. This host's process today
/// (<see cref="LocalTargetStage"/>); a cluster's probe, which launches the target on its own host, implements the same.
/// </summary>
internal interface ITargetStage
{
    Task<ITarget> StartAsync(RunPlan plan, Placeholders placeholders, IUserConsole console, CancellationToken ct);
}
