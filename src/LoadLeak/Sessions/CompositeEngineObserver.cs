using LoadLeak.Engine.Running;
using LoadLeak.Results;

namespace LoadLeak.Sessions;

/// <summary>Fans engine notifications out; one failing observer does not silence the others.</summary>
internal sealed class CompositeEngineObserver(IReadOnlyList<IEngineObserver> observers, Cli.IUserConsole console) : IEngineObserver
{
    public void OnPhaseStarted(PhaseRecord phase) => Each(o => o.OnPhaseStarted(phase));

    public void OnInterval(IReadOnlyList<IntervalRow> rows) => Each(o => o.OnInterval(rows));

    private void Each(Action<IEngineObserver> action)
    {
        foreach (var observer in observers)
        {
            try { action(observer); }
            catch (Exception ex) { console.Warn($"{observer.GetType().Name} failed: {ex.Message}"); }
        }
    }
}
