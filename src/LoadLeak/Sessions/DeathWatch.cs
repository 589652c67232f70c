using LoadLeak.Engine.Running;
using LoadLeak.Results;
using LoadLeak.Targets;

namespace LoadLeak.Sessions;

/// <summary>
/// Notices the target dying while the load runs: marks the time on the timeline and stops the load,
/// so the reports are written with what was measured. Exits after the load ended are ours (we stop it).
/// </summary>
internal sealed class DeathWatch : IDisposable
{
    private readonly CancellationTokenSource _load;
    private volatile bool _loadEnded;

    public DeathWatch(ITarget target, RunClock clock, TimelineEvents timeline, CancellationTokenSource load)
    {
        _load = load;
        target.Exited.ContinueWith(_ =>
        {
            if (_loadEnded || !target.HasExited) return;
            Died = true;
            timeline.Add(clock.Seconds, EventKind.TargetDied, $"the target exited (code {target.ExitCode?.ToString() ?? "?"}) during the run");
            try { _load.Cancel(); } catch (ObjectDisposedException) { }
        }, TaskScheduler.Default);
    }

    public bool Died { get; private set; }

    public void LoadEnded() => _loadEnded = true;

    public void Dispose() => _loadEnded = true;
}
