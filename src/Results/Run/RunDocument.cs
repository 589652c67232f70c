using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>
/// run.json: the single source of every figure in every report. Its records are the ones the engine and the
/// correlator produce; exporters only read it.
/// Field names are a public contract (users' CI scripts read them): add fields, never rename.
/// Bump <see cref="CurrentSchemaVersion"/> when a change is not purely additive.
/// </summary>
public sealed record RunDocument
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string RunId { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    [Round3]
    public double DurationSeconds { get; init; }
    public RunStatus Status { get; init; } = RunStatus.Complete;
    public int? ExitCode { get; init; }
    public RunMetadata Meta { get; init; } = new();
    public IReadOnlyList<PhaseRecord> Phases { get; init; } = [];
    public IReadOnlyList<ScenarioStats> Scenarios { get; init; } = [];
    public IReadOnlyList<IntervalRow> Intervals { get; init; } = [];
    public IReadOnlyList<TargetSample> Samples { get; init; } = [];
    /// <summary>Retained heap measured right after a full blocking GC the correlator induced.</summary>
    public IReadOnlyList<RetainedMark> Retained { get; init; } = [];
    public IReadOnlyList<PhaseAttribution> Attribution { get; init; } = [];
    public IReadOnlyList<RequestRegression> BytesPerRequest { get; init; } = [];
    public LeakReport Leak { get; init; } = new();
    public HeapForensicsResult? Heap { get; init; }
    /// <summary>The first scenario's capacity fit (see <see cref="CapacityScenarios"/> for every scenario).</summary>
    public CapacityResult? Capacity { get; init; }
    public IReadOnlyList<CapacityResult> CapacityScenarios { get; init; } = [];
    public SoakForecast? Soak { get; init; }
    /// <summary>LoadLeak's own memory over the run (every few seconds), to show the runner stays flat.</summary>
    public IReadOnlyList<RunnerMemoryPoint> RunnerMemory { get; init; } = [];
    public IReadOnlyList<ThresholdResult> Thresholds { get; init; } = [];
    /// <summary>Things that happened on the timeline: target died, counter gap, broker down, interrupt.</summary>
    public IReadOnlyList<TimelineEvent> Events { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];
    /// <summary>The load agents of a cluster run (<c>--cluster-*</c>); null (and left out of run.json) for a local run.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AgentRecord>? Agents { get; init; }
}
