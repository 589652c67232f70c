using MathNet.Numerics.Distributions;

namespace LoadLeak.Correlator.Comparing;

/// <summary>
/// One run a side: the candidate's and the baseline's per-second values, paired by interval (both ran the same
/// plan, so a phase's change of load cancels out), and a t-test that the mean of their differences is zero, on
/// the effective number of independent seconds. Per-second values are autocorrelated; treating 60 of them as 60
/// observations makes the interval far too narrow. The differences are taken as AR(1): n_eff = n(1−ρ)/(1+ρ),
/// with ρ bias-corrected (a minute of seconds understates persistence). A moving-block bootstrap was tried first
/// and called identical runs different in 6–11 % of simulations at α = 5 %: its variance is biased low by the
/// block length over n, and short blocks drop the autocovariance's tail.
/// </summary>
internal static class PairedSecondsTest
{
    public const string Name = "paired-seconds-t-ar1";
    public const int MinPairs = 20;

    /// <summary>Null when fewer than <see cref="MinPairs"/> intervals pair up.</summary>
    public static WelchResult? Run(IReadOnlyList<double> baseline, IReadOnlyList<double> candidate)
    {
        var n = Math.Min(baseline.Count, candidate.Count);
        if (n < MinPairs) return null;
        var d = new double[n];
        for (var i = 0; i < n; i++) d[i] = candidate[i] - baseline[i];
        var mean = d.Average();
        var variance = d.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        if (variance == 0) return new WelchResult(mean, mean, mean, n - 1, mean == 0 ? 1 : 0);
        var rho = Persistence(d, mean);
        var effective = Math.Max(2, n * (1 - rho) / (1 + rho));
        var se = Math.Sqrt(variance / effective);
        // The variance rests on ρ as well as on the spread: half the degrees of freedom keeps the false-alarm rate
        // at α in the simulations (with all of them it was 6 %).
        var df = Math.Max(1, (effective - 1) / 2);
        var half = StudentT.InvCDF(0, 1, df, 1 - WelchTest.Alpha / 2) * se;
        var p = 2 * (1 - StudentT.CDF(0, 1, df, Math.Abs(mean) / se));
        return new WelchResult(mean, mean - half, mean + half, df, Math.Clamp(p, 0, 1));
    }

    /// <summary>Lag-1 autocorrelation plus Kendall's bias correction (1 + 3ρ)/n, between 0 and 0.95.</summary>
    public static double Persistence(IReadOnlyList<double> x, double mean)
    {
        var n = x.Count;
        double num = 0, den = 0;
        for (var i = 0; i < n; i++) den += (x[i] - mean) * (x[i] - mean);
        for (var i = 1; i < n; i++) num += (x[i] - mean) * (x[i - 1] - mean);
        var rho = den > 0 ? num / den : 0;
        return Math.Clamp(rho + (1 + 3 * rho) / n, 0, 0.95);
    }
}
