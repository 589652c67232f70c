namespace LoadLeak.Results;

/// <summary>Where and how the run was made: tool, machine, config, target.</summary>
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
