using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>
/// The capacity model of one scenario: the USL fit of throughput on concurrency, its predicted peak and where
/// p99 crosses the SLO. PeakConcurrency and PeakThroughput are +∞ when the fit shows no retrograde region
/// (κ = 0); run.json writes them as "Infinity". Scenario is null only in older files.
/// </summary>
public sealed record CapacityResult(
    string? Scenario,
    double Sigma,
    double Kappa,
    double Lambda,
    double RSquared,
    double PeakConcurrency,
    double PeakThroughput,
    double? SloP99Ms,
    double? KneeConcurrency,
    IReadOnlyList<CapacityPoint> Points)
{
    [JsonIgnore]
    public IReadOnlyList<string> Notes { get; init; } = [];
}
