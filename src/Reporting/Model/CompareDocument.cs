namespace LoadLeak.Reporting.Model;

/// <summary>
/// compare.json: the same config run against several candidates, side by side. Every figure in
/// compare.html and compare.md comes from here; each run's own run.json is kept beside it.
/// </summary>
public sealed record CompareDocument
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public DateTimeOffset StartedAt { get; init; }
    public string? ConfigPath { get; init; }
    public int Repeat { get; init; } = 1;
    public double DurationScale { get; init; } = 1;
    /// <summary>The candidate the others are compared with (the first one given).</summary>
    public required string Baseline { get; init; }
    public IReadOnlyList<CandidateDto> Candidates { get; init; } = [];
    public IReadOnlyList<MetricComparisonDto> Comparisons { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];
}

public sealed record CandidateDto
{
    public required string Name { get; init; }
    public required string Command { get; init; }
    /// <summary>Folders (relative to compare.json) of this candidate's runs, in run order.</summary>
    public IReadOnlyList<string> Runs { get; init; } = [];
    public IReadOnlyList<string> LeakVerdicts { get; init; } = [];
    public IReadOnlyList<string> Statuses { get; init; } = [];
    /// <summary>metric name → value over the repeats.</summary>
    public IReadOnlyDictionary<string, MetricValueDto> Metrics { get; init; } = new Dictionary<string, MetricValueDto>();
}

/// <summary>Mean and spread of one metric over a candidate's repeats; null where no run measured it.</summary>
public sealed record MetricValueDto(double? Mean, double? StdDev, int Count);

public sealed record MetricComparisonDto(
    string Metric,
    string Unit,
    /// <summary>higher | lower: which direction is better.</summary>
    string Better,
    string Candidate,
    double? DiffPercent,
    /// <summary>Run-to-run noise (coefficient of variation, %) of the noisier of the two; null with one run each.</summary>
    double? NoisePercent,
    /// <summary>significant | within-noise | unknown-noise | n/a</summary>
    string Verdict);
