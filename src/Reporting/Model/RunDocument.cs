namespace LoadLeak.Reporting.Model;

/// <summary>
/// run.json: the single source of every figure in every report. Exporters only read it.
/// Field names are a public contract (users' CI scripts read them): add fields, never rename.
/// Bump <see cref="CurrentSchemaVersion"/> when a change is not purely additive.
/// </summary>
public sealed record RunDocument
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string RunId { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public double DurationSeconds { get; init; }
    /// <summary>complete | partial | interrupted | target-died | failed</summary>
    public string Status { get; init; } = RunStatus.Complete;
    public int? ExitCode { get; init; }
    public RunMetadata Meta { get; init; } = new();
    public IReadOnlyList<PhaseDto> Phases { get; init; } = [];
    public IReadOnlyList<ScenarioDto> Scenarios { get; init; } = [];
    public IReadOnlyList<IntervalDto> Intervals { get; init; } = [];
    public IReadOnlyList<SampleDto> Samples { get; init; } = [];
    /// <summary>Retained heap measured right after a full blocking GC the correlator induced.</summary>
    public IReadOnlyList<RetainedDto> Retained { get; init; } = [];
    public IReadOnlyList<AttributionDto> Attribution { get; init; } = [];
    public IReadOnlyList<RegressionDto> BytesPerRequest { get; init; } = [];
    public LeakDto Leak { get; init; } = new();
    public HeapDto? Heap { get; init; }
    /// <summary>The first scenario's capacity fit (see <see cref="CapacityScenarios"/> for every scenario).</summary>
    public CapacityDto? Capacity { get; init; }
    public IReadOnlyList<CapacityDto> CapacityScenarios { get; init; } = [];
    public SoakDto? Soak { get; init; }
    /// <summary>LoadLeak's own memory over the run (every few seconds), to show the runner stays flat.</summary>
    public IReadOnlyList<RunnerMemoryDto> RunnerMemory { get; init; } = [];
    public IReadOnlyList<ThresholdDto> Thresholds { get; init; } = [];
    /// <summary>Things that happened on the timeline: target died, counter gap, broker down, interrupt.</summary>
    public IReadOnlyList<EventDto> Events { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];
}

public static class RunStatus
{
    public const string Complete = "complete";
    public const string Partial = "partial";
    public const string Interrupted = "interrupted";
    public const string TargetDied = "target-died";
    public const string Failed = "failed";
}

public sealed record RunMetadata
{
    public string ToolVersion { get; init; } = "";
    public string Machine { get; init; } = "";
    public string Os { get; init; } = "";
    public int ProcessorCount { get; init; }
    public string Runtime { get; init; } = "";
    public string? ConfigPath { get; init; }
    public string? TestSuite { get; init; }
    public string? TestName { get; init; }
    public string? TargetCommand { get; init; }
    public int? TargetPid { get; init; }
    public string? TargetUrl { get; init; }
    public double DurationScale { get; init; } = 1;
    public string? CommandLine { get; init; }
    /// <summary>Seconds from launching the target until its readiness check passed.</summary>
    public double? StartupSeconds { get; init; }
}

public sealed record PhaseDto(
    string Name, string Scenario, string Kind, double Start, double End,
    string Simulation, int? Copies, double? Rate);

public sealed record LatencyDto(
    double P50, double P75, double P90, double P95, double P99, double P999,
    double Max, double Mean, double StdDev);

public sealed record ErrorDto(string StatusCode, string Message, long Count);

public sealed record ScenarioDto
{
    public required string Name { get; init; }
    public string? Protocol { get; init; }
    public long Ok { get; init; }
    public long Fail { get; init; }
    public double Rps { get; init; }
    public required LatencyDto LatencyMs { get; init; }
    public required LatencyDto LatencyUncorrectedMs { get; init; }
    public IReadOnlyDictionary<string, long> StatusCodes { get; init; } = new Dictionary<string, long>();
    public IReadOnlyList<ErrorDto> Errors { get; init; } = [];
    public long BytesReceived { get; init; }
    public long Late { get; init; }
    public long Dropped { get; init; }
}

public sealed record IntervalDto(
    double T, string Scenario, string Phase, long Ok, long Fail, double Rps,
    double P50, double P99, double P99Uncorrected, int Concurrency, double TargetRate,
    long Late, long Dropped);

/// <summary>One sample of the target per second. Absent values are null, never 0.</summary>
public sealed record SampleDto
{
    public double T { get; init; }
    public double? GcHeapBytes { get; init; }
    public double? PostGcHeapBytes { get; init; }
    public double? WorkingSetBytes { get; init; }
    public double? RssBytes { get; init; }
    public double? Threads { get; init; }
    public double? Timers { get; init; }
    public double? Fds { get; init; }
    /// <summary>CPU seconds the target used in this sample's interval (1.0 = one core busy).</summary>
    public double? Cpu { get; init; }
    public double? AllocRateBytesPerSec { get; init; }
    public double? GcPauseMs { get; init; }
    public double? GcCount { get; init; }
    public double? Exceptions { get; init; }
    public double? LockContentions { get; init; }
}

public sealed record RetainedDto(double T, string Phase, double HeapBytes, string Reason);

public sealed record AttributionDto
{
    public required string Phase { get; init; }
    public required string Scenario { get; init; }
    public double Start { get; init; }
    public double End { get; init; }
    public long Requests { get; init; }
    public double? HeapDeltaBytes { get; init; }
    public double? RetainedDeltaBytes { get; init; }
    public double? RssDeltaBytes { get; init; }
    public double? ThreadsDelta { get; init; }
    public double? TimersDelta { get; init; }
    public double? FdsDelta { get; init; }
    public double? AllocRateBytesPerSec { get; init; }
    public double? GcPauseShare { get; init; }
}

/// <summary>Retained bytes per request of one scenario: a coefficient of the regression of retained heap on requests.</summary>
public sealed record RegressionDto(string Scenario, double BytesPerRequest, double RSquared, int Points);

public sealed record LeakDto
{
    /// <summary>leak | no-leak | inconclusive</summary>
    public string Verdict { get; init; } = LeakVerdicts.Inconclusive;
    public IReadOnlyList<FindingDto> Findings { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];
}

public static class LeakVerdicts
{
    public const string Leak = "leak";
    public const string NoLeak = "no-leak";
    public const string Inconclusive = "inconclusive";
}

public sealed record FindingDto
{
    /// <summary>heap | rss | threads | timers | fds</summary>
    public required string Resource { get; init; }
    public string? Phase { get; init; }
    public string? Scenario { get; init; }
    /// <summary>Units per second (bytes/s for memory, count/s otherwise).</summary>
    public double Slope { get; init; }
    public double? SlopePerRequest { get; init; }
    public string Test { get; init; } = "";
    public double Statistic { get; init; }
    /// <summary>1 - p of the trend test.</summary>
    public double Confidence { get; init; }
    public double? GrowthTotal { get; init; }
    public bool? Recovered { get; init; }
    public bool IsLeak { get; init; }
    public string Summary { get; init; } = "";
}

public sealed record HeapDto
{
    public IReadOnlyList<SnapshotDto> Snapshots { get; init; } = [];
    public IReadOnlyList<TypeGrowthDto> TopGrowers { get; init; } = [];
    public IReadOnlyList<RetentionPathDto> RetentionPaths { get; init; } = [];
    public IReadOnlyList<PendingTasksDto> PendingTasks { get; init; } = [];
    /// <summary>Costs and caveats: pauses over budget, walks cut short, dumps kept.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>One heap snapshot and its cost. <see cref="PauseMs"/> is how long the target was stopped:
/// measured from its threads' states when <see cref="PauseMeasured"/>, else the WriteDump call duration.</summary>
public sealed record SnapshotDto(string Label, double T, double HeapBytes, long Objects, double PauseMs, double AnalysisMs)
{
    public bool PauseMeasured { get; init; }
    /// <summary>Duration of the WriteDump call (the pause plus IPC and createdump's start-up); null in older files.</summary>
    public double? WriteDumpMs { get; init; }
}

public sealed record TypeGrowthDto(string Type, long CountDelta, long BytesDelta, long CountAfterCoolDown, bool SurvivesCoolDown);

public sealed record RetentionPathDto(string Type, string Root, IReadOnlyList<string> Path, int Count);

public sealed record PendingTasksDto(string Method, long Count);

public sealed record CapacityDto
{
    public string? Scenario { get; init; }
    public double Sigma { get; init; }
    public double Kappa { get; init; }
    public double Lambda { get; init; }
    public double RSquared { get; init; }
    public double PeakConcurrency { get; init; }
    public double PeakThroughput { get; init; }
    public double? SloP99Ms { get; init; }
    public double? KneeConcurrency { get; init; }
    public IReadOnlyList<CapacityPointDto> Points { get; init; } = [];
}

public sealed record CapacityPointDto(string Scenario, double Concurrency, double Throughput, double P99Ms);

public sealed record ThresholdDto(string Scenario, string Description, bool Passed, string? Error);

public sealed record EventDto(double T, string Kind, string Message);

/// <summary>Soak mode: the retained-memory trend and when, at that rate, memory runs out.</summary>
public sealed record SoakDto
{
    public double DurationSeconds { get; init; }
    /// <summary>Theil-Sen slope of the retained (post-GC) heap, bytes per hour.</summary>
    public double? RetainedSlopeBytesPerHour { get; init; }
    /// <summary>Theil-Sen slope of RSS (or working set), bytes per hour.</summary>
    public double? RssSlopeBytesPerHour { get; init; }
    /// <summary>The memory the target may use: its cgroup limit, else the machine's memory.</summary>
    public double? MemoryLimitBytes { get; init; }
    public string? MemoryLimitSource { get; init; }
    /// <summary>Seconds from the end of the run until RSS reaches the limit at the measured slope; null when memory does not trend up.</summary>
    public double? ForecastSecondsToExhaustion { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <param name="GcHeapBytes">GC.GetTotalMemory(false): wherever the gen0 sawtooth happens to be.</param>
/// <param name="PostGcHeapBytes">The heap right after the runner's most recent GC: far steadier, the better reading of growth.</param>
public sealed record RunnerMemoryDto(double T, double WorkingSetBytes, double GcHeapBytes, double? PostGcHeapBytes = null);
