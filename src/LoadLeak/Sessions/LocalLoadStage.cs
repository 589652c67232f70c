using LoadLeak.Engine.Running;

namespace LoadLeak.Sessions;

/// <summary>The load from this process's own engine.</summary>
internal sealed class LocalLoadStage : ILoadStage
{
    public static readonly LocalLoadStage Instance = new();

    public Task<EngineResult> RunAsync(EngineSettings settings, RunClock clock, IEngineObserver observer, CancellationToken ct) =>
        LoadEngine.RunAsync(settings, clock, observer, ct);
}
