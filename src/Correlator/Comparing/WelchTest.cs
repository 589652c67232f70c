using LoadLeak.Results;
using MathNet.Numerics.Distributions;

namespace LoadLeak.Correlator.Comparing;

/// <summary>
/// Welch's unequal-variance t-test on the per-run means of two candidates (BenchmarkDotNet's choice too).
/// Each run is one observation: runs are independent where per-second intervals are not, so no
/// autocorrelation correction is needed. Needs at least two runs per side.
/// </summary>
internal static class WelchTest
{
    public const string Name = "welch-t";
    public const double Alpha = 0.05;
    public const double Power = 0.8;
    public const int MaxRepeats = 1000;

    public static WelchResult? Run(MetricSummary baseline, MetricSummary candidate) =>
        baseline is { Mean: { } ma, StdDev: { } sa, Count: >= 2 } && candidate is { Mean: { } mb, StdDev: { } sb, Count: >= 2 }
            ? Run(ma, sa, baseline.Count, mb, sb, candidate.Count)
            : null;

    public static WelchResult Run(double meanA, double sdA, int nA, double meanB, double sdB, int nB)
    {
        var diff = meanB - meanA;
        var va = sdA * sdA / nA;
        var vb = sdB * sdB / nB;
        var se = Math.Sqrt(va + vb);
        // No spread on either side: any difference at all is real, none is none.
        if (se == 0) return new(diff, diff, diff, nA + nB - 2, diff == 0 ? 1 : 0);
        var df = (va + vb) * (va + vb) / (va * va / (nA - 1) + vb * vb / (nB - 1));
        var t = diff / se;
        var p = 2 * (1 - StudentT.CDF(0, 1, df, Math.Abs(t)));
        var half = StudentT.InvCDF(0, 1, df, 1 - Alpha / 2) * se;
        return new(diff, diff - half, diff + half, df, Math.Clamp(p, 0, 1));
    }

    /// <summary>
    /// Runs per candidate for the test to detect <paramref name="difference"/> with 80 % power, at the
    /// observed spreads: the smallest n with (t₁₋α/₂ + t_power) · √((sa² + sb²)/n) ≤ |difference|.
    /// Null when the difference is 0 or more than <see cref="MaxRepeats"/> runs would be needed.
    /// </summary>
    public static int? RepeatsToResolve(double sdA, double sdB, double difference)
    {
        var d = Math.Abs(difference);
        var variance = sdA * sdA + sdB * sdB;
        if (d == 0 || !double.IsFinite(d)) return null;
        if (variance == 0) return 2;
        if (Needed(sdA, sdB, MaxRepeats) > d) return null;
        // The needed difference shrinks as n grows: bisect for the smallest n that reaches d.
        int lo = 2, hi = MaxRepeats;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (Needed(sdA, sdB, mid) <= d) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    private static double Needed(double sdA, double sdB, int n)
    {
        double va = sdA * sdA / n, vb = sdB * sdB / n;
        var df = (va + vb) * (va + vb) / ((va * va + vb * vb) / (n - 1));
        return (StudentT.InvCDF(0, 1, df, 1 - Alpha / 2) + StudentT.InvCDF(0, 1, df, Power)) * Math.Sqrt(va + vb);
    }
}
