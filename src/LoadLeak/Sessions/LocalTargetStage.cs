using LoadLeak.Cli;
using LoadLeak.Targets;

namespace LoadLeak.Sessions;

/// <summary>The target on this host: launched from the command or attached to by pid (<see cref="TargetStarter"/>).</summary>
internal sealed class LocalTargetStage : ITargetStage
{
    public static readonly LocalTargetStage Instance = new();

    public Task<ITarget> StartAsync(RunPlan plan, Placeholders placeholders, IUserConsole console, CancellationToken ct) =>
        TargetStarter.StartAsync(plan, placeholders, console, ct);
}
