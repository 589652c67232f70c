using LoadLeak.Correlator.Sampling;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Stats;

namespace LoadLeak.Correlator.Analysis;

public sealed record AnalysisInput(
    IReadOnlyList<PhaseRecord> Phases,
    IReadOnlyList<IntervalRow> Intervals,
    IReadOnlyList<TargetSample> Samples,
    IReadOnlyList<RetainedMark> Retained,
    LeakOptions Options);

public sealed record AnalysisResult(
    IReadOnlyList<PhaseAttribution> Attribution,
    IReadOnlyList<RequestRegression> BytesPerRequest,
    LeakReport Leak);

public static class LeakResources
{
    public const string Heap = "heap";
    public const string Rss = "rss";
    public const string Threads = "threads";
    public const string Timers = "timers";
    public const string Fds = "fds";

    public static readonly IReadOnlyList<string> All = [Heap, Rss, Threads, Timers, Fds];

    public static bool IsMemory(string resource) => resource is Heap or Rss;
}

public static class LeakVerdict
{
    public const string Leak = "leak";
    public const string NoLeak = "no-leak";
    public const string Inconclusive = "inconclusive";
}

/// <summary>What the target did during one phase of one scenario (mirrors run.json AttributionDto).</summary>
public sealed record PhaseAttribution
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

/// <summary>Retained bytes per request of one scenario (mirrors run.json RegressionDto).</summary>
public sealed record RequestRegression(string Scenario, double BytesPerRequest, double RSquared, int Points);

/// <summary>The verdict and its evidence (mirrors run.json LeakDto).</summary>
public sealed record LeakReport
{
    public string Verdict { get; init; } = LeakVerdict.Inconclusive;
    public IReadOnlyList<LeakFinding> Findings { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>The trend of one resource over the load (mirrors run.json FindingDto).</summary>
public sealed record LeakFinding
{
    public required string Resource { get; init; }
    public string? Phase { get; init; }
    public string? Scenario { get; init; }
    /// <summary>Units per second (bytes/s for memory, count/s otherwise).</summary>
    public double Slope { get; init; }
    public double? SlopePerRequest { get; init; }
    public string Test { get; init; } = "";
    public double Statistic { get; init; }
    public double Confidence { get; init; }
    public double? GrowthTotal { get; init; }
    public bool? Recovered { get; init; }
    public bool IsLeak { get; init; }
    public string Summary { get; init; } = "";
}
