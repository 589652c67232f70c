using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Statistics;

namespace LoadLeak.Correlator.Analysis;

/// <summary>
/// One scenario's share of the growth (its bytes per request × its requests over the fitted range, over
/// the sum of all scenarios'), with the spread of that share over bootstrap refits and how often it came
/// out as the largest. A handful of post-GC readings cannot always tell concurrent scenarios apart;
/// this says how sure the split is instead of presenting one noisy fit as the answer.
/// </summary>
public sealed record ScenarioShare(string Scenario, double Share, double StdDev, double TopProbability);

/// <summary>Shares of the growth from a non-negative fit, and their uncertainty by a residual bootstrap.</summary>
internal static class GrowthShares
{
    /// <summary>Named instead of a protocol when no scenario explains most of the growth in enough refits.</summary>
    public const string Undetermined = "undetermined";

    /// <summary>
    /// A protocol is blamed only when it is the largest contributor in at least this share of refits (four
    /// in five). A residual bootstrap on a dozen points is itself optimistic: with two scenarios that truly
    /// retain alike, one came out largest in ≥ 80% of refits in half of the simulated runs, and in ≥ 90%
    /// in a quarter. So the share ± spread and this probability are reported beside every blame.
    /// </summary>
    public const double MinTopProbability = 0.8;

    public const int Replicates = 400;

    /// <summary>Seeded, so the same run.json always gives the same verdict.</summary>
    private const int Seed = 20261127;

    /// <param name="design">Centred regressors (one row per point, one column per scenario).</param>
    /// <param name="y">Centred response.</param>
    /// <param name="requests">Each scenario's requests over the fitted range.</param>
    public static IReadOnlyList<ScenarioShare> Estimate(IReadOnlyList<string> scenarios, double[][] design, double[] y, double[] coefficients,
        double[] requests)
    {
        var point = Shares(coefficients, requests);
        if (point is null) return [];
        // Replicates are drawn around the unconstrained fit: drawn around the non-negative one, a coefficient
        // clamped to 0 would stay near 0 in most refits and the split would look surer than the data make it.
        var unconstrained = Unconstrained(design, y);
        var fitted = design.Select(row => Dot(row, unconstrained)).ToArray();
        var residuals = Inflated(y.Select((v, i) => v - fitted[i]).ToArray(), coefficients.Length);

        var random = new Random(Seed);
        var samples = scenarios.Select(_ => new List<double>(Replicates)).ToArray();
        var wins = new int[scenarios.Count];
        var counted = 0;
        for (var b = 0; b < Replicates; b++)
        {
            var resampled = fitted.Select(f => f + residuals[random.Next(residuals.Length)]).ToArray();
            var shares = Shares(NonNegativeLeastSquares.Solve(design, resampled), requests);
            if (shares is null) continue; // a refit that found no growth at all names nobody
            counted++;
            for (var j = 0; j < shares.Length; j++) samples[j].Add(shares[j]);
            wins[Array.IndexOf(shares, shares.Max())]++;
        }
        return scenarios.Select((s, j) => new ScenarioShare(s, point[j],
            samples[j].Count > 1 ? samples[j].StandardDeviation() : 0,
            counted == 0 ? 0 : (double)wins[j] / Replicates)).ToList();
    }

    /// <summary>The scenario to blame: the largest share if it is the largest in enough refits, else <see cref="Undetermined"/>.</summary>
    public static string? Blamed(IReadOnlyList<ScenarioShare> shares)
    {
        if (shares.Count == 0) return null;
        var top = shares.MaxBy(s => s.Share)!;
        return top.TopProbability >= MinTopProbability ? top.Scenario : Undetermined;
    }

    private static double[]? Shares(double[] coefficients, double[] requests)
    {
        var contributions = coefficients.Select((c, j) => Math.Max(0, c) * requests[j]).ToArray();
        var total = contributions.Sum();
        return total > 0 ? contributions.Select(c => c / total).ToArray() : null;
    }

    /// <summary>Centred residuals, scaled up for the degrees of freedom the fit used (intercept included).</summary>
    private static double[] Inflated(double[] residuals, int parameters)
    {
        var mean = residuals.Average();
        var freedom = residuals.Length - parameters - 1;
        var factor = freedom > 0 ? Math.Sqrt((double)residuals.Length / freedom) : 1;
        return residuals.Select(r => (r - mean) * factor).ToArray();
    }

    private static double[] Unconstrained(double[][] design, double[] y)
    {
        var matrix = Matrix<double>.Build.DenseOfRowArrays(design);
        return matrix.Svd(computeVectors: true).Solve(Vector<double>.Build.DenseOfArray(y)).ToArray();
    }

    private static double Dot(double[] row, double[] coefficients) => row.Select((x, j) => x * coefficients[j]).Sum();
}
