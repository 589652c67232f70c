namespace LoadLeak.Correlator.Capacity;

/// <summary>
/// Universal Scalability Law: X(N) = λN / (1 + σ(N−1) + κN(N−1)). σ is contention (the
/// serial share), κ coherency (crosstalk between workers), λ the throughput of one worker.
/// </summary>
internal sealed record UslModel(double Sigma, double Kappa, double Lambda, double RSquared)
{
    /// <summary>Concurrency of peak throughput, √((1−σ)/κ); ∞ when κ = 0 (throughput only flattens).</summary>
    public double PeakConcurrency => Kappa > 0 ? Math.Max(1, Math.Sqrt(Math.Max(0, 1 - Sigma) / Kappa)) : double.PositiveInfinity;

    /// <summary>X(N*); with κ = 0 the asymptote λ/σ (∞ when σ = 0 too: linear scaling).</summary>
    public double PeakThroughput => double.IsPositiveInfinity(PeakConcurrency)
        ? (Sigma > 0 ? Lambda / Sigma : double.PositiveInfinity)
        : Throughput(PeakConcurrency);

    public double Throughput(double n) => Lambda * n / Denominator(Sigma, Kappa, n);

    internal static double Denominator(double sigma, double kappa, double n) => 1 + sigma * (n - 1) + kappa * n * (n - 1);
}
