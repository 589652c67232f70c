using LoadLeak.Correlator;
using LoadLeak.Engine.Running;
using LoadLeak.Results;

namespace LoadLeak.Sessions;

/// <summary>
/// Copies the correlator's events (counter gaps, target exit) onto the run's timeline every interval, so they
/// are streamed to disk as they happen and survive a kill -9, not only written with run.json at the end.
/// </summary>
internal sealed class CorrelatorEventRelay(ITargetSampler correlator, TimelineEvents timeline) : IEngineObserver
{
    public void OnPhaseStarted(PhaseRecord phase) { }

    // The timeline drops events it already has, so handing it every event each interval streams each one once.
    public void OnInterval(IReadOnlyList<IntervalRow> rows)
    {
        foreach (var e in correlator.EventsSoFar) timeline.Add(e);
    }
}
