using System.Collections.Concurrent;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;

namespace LoadLeak.Tests.Engine;

/// <summary>Records what the engine told its observer.</summary>
internal sealed class RecordingObserver : IEngineObserver
{
    public ConcurrentQueue<PhaseRecord> Started { get; } = new();
    public ConcurrentQueue<IntervalRow> Rows { get; } = new();

    public void OnPhaseStarted(PhaseRecord phase) => Started.Enqueue(phase);

    public void OnInterval(IReadOnlyList<IntervalRow> rows)
    {
        foreach (var row in rows) Rows.Enqueue(row);
    }
}
