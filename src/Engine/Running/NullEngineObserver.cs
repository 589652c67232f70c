using LoadLeak.Results;

namespace LoadLeak.Engine.Running;

internal sealed class NullEngineObserver : IEngineObserver
{
    public static readonly NullEngineObserver Instance = new();
    public void OnPhaseStarted(PhaseRecord phase) { }
    public void OnInterval(IReadOnlyList<IntervalRow> rows) { }
}
