using LoadLeak.Results;

namespace LoadLeak.Engine.Running;

/// <summary>Live notifications from the engine, e.g. for the console and for streaming to disk.</summary>
public interface IEngineObserver
{
    void OnPhaseStarted(PhaseRecord phase);

    /// <summary>
    /// The rows of one reporting tick. A phase's last row (T = the phase's end) comes once the iterations that
    /// started in it have finished, so it can arrive a tick after rows of the next phase.
    /// </summary>
    void OnInterval(IReadOnlyList<IntervalRow> rows);
}
