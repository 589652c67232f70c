namespace LoadLeak.Results;

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
    public IReadOnlyList<CandidateSummary> Candidates { get; init; } = [];
    public IReadOnlyList<MetricComparison> Comparisons { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];
}
