using MathNet.Numerics.Distributions;

namespace LoadLeak.Correlator.Analysis;

/// <summary>
/// Student t test that the mean step of a series is not zero: the test for a random walk with drift.
/// A leak is a cumulative process (each request adds its bytes), so its steps are independent and its
/// level looks like a random walk, which the autocorrelation correction of Mann-Kendall rightly treats
/// as persistent and so all but refuses to call significant on a short run. The steps of a drifting walk
/// have a positive mean; those of a wandering one do not.
/// </summary>
internal static class DriftTest
{
    /// <summary>Two-sided p of mean(steps) = 0, as a normal z with the same p; null when there are too few steps.</summary>
    public static (double Z, double P)? Test(IReadOnlyList<double> x)
    {
        var m = x.Count - 1;
        if (m < 4) return null;
        var steps = new double[m];
        for (var i = 0; i < m; i++) steps[i] = x[i + 1] - x[i];
        var mean = steps.Average();
        var variance = steps.Sum(d => (d - mean) * (d - mean)) / (m - 1);
        if (variance <= 0) return mean == 0 ? (0, 1) : (Math.Sign(mean) * 10, 0);
        var t = mean / Math.Sqrt(variance / m);
        var p = 2 * (1 - StudentT.CDF(0, 1, m - 1, Math.Abs(t)));
        var z = Math.Sign(t) * Normal.InvCDF(0, 1, 1 - p / 2);
        return (double.IsFinite(z) ? z : Math.Sign(t) * 10, p);
    }
}
