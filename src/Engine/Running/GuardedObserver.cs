using LoadLeak.Engine.Api;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;

namespace LoadLeak.Engine.Running;

/// <summary>A console or file sink that throws must not stop the load; its error is logged once per kind.</summary>
internal sealed class GuardedObserver(IEngineObserver inner, IEngineLog log) : IEngineObserver
{
    private int _phaseErrorLogged;
    private int _intervalErrorLogged;

    public void OnPhaseStarted(PhaseRecord phase)
    {
        try { inner.OnPhaseStarted(phase); }
        catch (Exception e) { LogOnce(ref _phaseErrorLogged, e); }
    }

    public void OnInterval(IReadOnlyList<IntervalRow> rows)
    {
        try { inner.OnInterval(rows); }
        catch (Exception e) { LogOnce(ref _intervalErrorLogged, e); }
    }

    private void LogOnce(ref int flag, Exception e)
    {
        if (Interlocked.Exchange(ref flag, 1) == 0) log.Warn($"engine observer failed (further failures not logged): {e.Message}");
    }
}
