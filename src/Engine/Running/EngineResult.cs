using LoadLeak.Engine.Api;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;

namespace LoadLeak.Engine.Running;

/// <summary>What the engine measured. Immutable; reporters only read it.</summary>
public sealed record EngineResult(
    IReadOnlyList<PhaseRecord> Phases,
    IReadOnlyList<ScenarioStats> Scenarios,
    IReadOnlyList<IntervalRow> Intervals,
    IReadOnlyList<ThresholdResult> Thresholds,
    bool Cancelled);

/// <summary>Live notifications from the engine, e.g. for the console and for streaming to disk.</summary>
public interface IEngineObserver
{
    void OnPhaseStarted(PhaseRecord phase);
    void OnInterval(IReadOnlyList<IntervalRow> rows);
}

internal sealed class NullEngineObserver : IEngineObserver
{
    public static readonly NullEngineObserver Instance = new();
    public void OnPhaseStarted(PhaseRecord phase) { }
    public void OnInterval(IReadOnlyList<IntervalRow> rows) { }
}

/// <summary>The frozen settings of one engine run.</summary>
public sealed record EngineSettings(
    IReadOnlyList<ScenarioProps> Scenarios,
    TimeSpan ReportingInterval,
    bool Sequential)
{
    /// <summary>Open model: most iterations of one scenario in flight at once; the rest wait and start late.</summary>
    public int MaxInFlight { get; init; } = 10_000;

    /// <summary>Open model: an iteration that starts later than this after its intended time counts as Late.</summary>
    public TimeSpan LateTolerance { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Open model: how long after its phase ended a backlogged iteration may still start (late). Later
    /// than that it counts as Dropped, so a generator that fell behind does not spill a phase into the next one forever.
    /// </summary>
    public TimeSpan BacklogGrace { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Seed of InjectRandom's rate choices; null picks one per run.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>Where scenario init/clean/iterations log, and where the engine warns (e.g. MaxFailCount reached).</summary>
    public IEngineLog Log { get; init; } = NullEngineLog.Instance;
}
