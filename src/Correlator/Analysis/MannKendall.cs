using MathNet.Numerics.Distributions;

namespace LoadLeak.Correlator.Analysis;

/// <summary>
/// Result of a Mann-Kendall trend test. <see cref="Z"/> and <see cref="P"/> use the variance
/// after the Hamed-Rao (1998) correction for autocorrelation; <see cref="VarianceRatio"/> is n/n*
/// (the larger of the significant-lags estimate and an AR(1) model of the detrended ranks).
/// </summary>
internal sealed record MannKendallResult(int N, double S, double VarS, double VarianceRatio, double Z, double P, double Tau)
{
    /// <summary>1 - two-sided p.</summary>
    public double Confidence => 1 - P;
}

/// <summary>Mann-Kendall trend test on an evenly spaced series, with the Hamed-Rao variance correction.</summary>
internal static class MannKendall
{
    public const string TestName = "mann-kendall (hamed-rao, ar1 floor) or drift t on steps";

    public static MannKendallResult Test(IReadOnlyList<double> x, bool correctForAutocorrelation = true)
    {
        var n = x.Count;
        if (n < 3) return new MannKendallResult(n, 0, 0, 1, 0, 1, 0);
        var s = Score(x);
        var varS = TieCorrectedVariance(x);
        var ratio = correctForAutocorrelation ? HamedRaoRatio(x) : 1;
        varS *= ratio;
        var z = varS <= 0 ? 0 : s > 0 ? (s - 1) / Math.Sqrt(varS) : s < 0 ? (s + 1) / Math.Sqrt(varS) : 0;
        var p = 2 * (1 - Normal.CDF(0, 1, Math.Abs(z)));
        return new MannKendallResult(n, s, varS, ratio, z, Math.Clamp(p, 0, 1), s / (0.5 * n * (n - 1)));
    }

    public static double Score(IReadOnlyList<double> x)
    {
        double s = 0;
        for (var i = 0; i < x.Count - 1; i++)
            for (var j = i + 1; j < x.Count; j++)
                s += Math.Sign(x[j] - x[i]);
        return s;
    }

    /// <summary>Var(S) = [n(n-1)(2n+5) - Σ t(t-1)(2t+5)] / 18 over groups of t tied values.</summary>
    public static double TieCorrectedVariance(IReadOnlyList<double> x)
    {
        double n = x.Count;
        var ties = x.GroupBy(v => v).Select(g => (double)g.Count()).Where(t => t > 1);
        return (n * (n - 1) * (2 * n + 5) - ties.Sum(t => t * (t - 1) * (2 * t + 5))) / 18.0;
    }

    /// <summary>
    /// n/n* from the significant autocorrelations of the ranks of the Sen-detrended series. Never
    /// below 1: positive correlation widens the variance, negative correlation is not allowed to
    /// make a noisy series look more significant than an independent one.
    /// </summary>
    public static double HamedRaoRatio(IReadOnlyList<double> x)
    {
        var n = x.Count;
        if (n < 4) return 1;
        var slope = TheilSen.SlopeByIndex(x);
        var ranks = Ranks(x.Select((v, i) => v - slope * (i + 1)).ToArray());
        var mean = ranks.Average();
        var denominator = ranks.Sum(r => (r - mean) * (r - mean));
        if (denominator <= 0) return 1;
        var bound = 1.959964 / Math.Sqrt(n);
        var phi = PersistenceFromDifferences(x);
        double empirical = 0, ar1 = 0;
        for (var k = 1; k < n - 2; k++)
        {
            var weight = (double)(n - k) * (n - k - 1) * (n - k - 2);
            var r = Autocorrelation(ranks, mean, denominator, k);
            if (Math.Abs(r) > bound) empirical += weight * r;
            ar1 += weight * Math.Pow(phi, k);
        }
        var scale = 2.0 / ((double)n * (n - 1) * (n - 2));
        // The significant-lags sum alone misses the long tail of strong persistence; an AR(1)
        // model does not. Take the wider of the two.
        return Math.Max(1, 1 + scale * Math.Max(empirical, ar1));
    }

    /// <summary>
    /// AR(1) coefficient from the lag-1 autocorrelation of first differences, ρ₁(Δx) = -(1-φ)/2.
    /// Differencing removes any smooth trend, so a curved leak (a kink at a load step, a cache
    /// filling up) is not mistaken for persistence the way residuals from one straight line are.
    /// </summary>
    public static double PersistenceFromDifferences(IReadOnlyList<double> x)
    {
        if (x.Count < 5) return 0;
        var d = new double[x.Count - 1];
        for (var i = 1; i < x.Count; i++) d[i - 1] = x[i] - x[i - 1];
        var mean = d.Average();
        var denominator = d.Sum(v => (v - mean) * (v - mean));
        if (denominator <= 0) return 0;
        var r1 = Autocorrelation(d, mean, denominator, 1);
        return Math.Clamp(1 + 2 * r1, 0, 0.98);
    }

    private static double Autocorrelation(double[] ranks, double mean, double denominator, int lag)
    {
        double num = 0;
        for (var t = 0; t < ranks.Length - lag; t++) num += (ranks[t] - mean) * (ranks[t + lag] - mean);
        return num / denominator;
    }

    /// <summary>Ranks 1..n with ties given their average rank.</summary>
    public static double[] Ranks(IReadOnlyList<double> x)
    {
        var order = Enumerable.Range(0, x.Count).OrderBy(i => x[i]).ToArray();
        var ranks = new double[x.Count];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && x[order[j + 1]] == x[order[i]]) j++;
            var average = (i + j) / 2.0 + 1;
            for (var k = i; k <= j; k++) ranks[order[k]] = average;
            i = j + 1;
        }
        return ranks;
    }
}
