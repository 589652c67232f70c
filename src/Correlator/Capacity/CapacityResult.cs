namespace LoadLeak.Correlator.Capacity;

/// <summary>
/// The capacity model of one scenario. Mirrors <c>CapacityDto</c>. PeakConcurrency and
/// PeakThroughput are +∞ when the fit shows no retrograde region (κ = 0); JSON has no ∞,
/// so the mapper must write those as null or a string.
/// </summary>
public sealed record CapacityResult(
    string Scenario,
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
    public IReadOnlyList<string> Notes { get; init; } = [];
}
