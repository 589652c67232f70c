using LoadLeak.Correlator.Analysis;

namespace LoadLeak.Tests.Correlator;

public class NonNegativeLeastSquaresTests
{
    private static double Residual(double[][] a, double[] y, double[] x) =>
        a.Select((row, i) => row.Select((v, j) => v * x[j]).Sum() - y[i]).Sum(r => r * r);

    [Fact]
    public void Equals_ordinary_least_squares_when_every_coefficient_is_positive()
    {
        var noise = new Noise(1);
        var a = Enumerable.Range(0, 40).Select(i => new[] { i * 100.0, Math.Sqrt(i) * 5000 }).ToArray();
        var y = a.Select(r => 2 * r[0] + 3 * r[1] + noise.Gaussian()).ToArray();
        var x = NonNegativeLeastSquares.Solve(a, y);
        Assert.InRange(x[0], 1.99, 2.01);
        Assert.InRange(x[1], 2.99, 3.01);
    }

    [Fact]
    public void A_coefficient_that_least_squares_makes_negative_is_zero_and_the_rest_refit()
    {
        // y follows column 0; column 1 is column 0 plus a bump that y does not have, so ordinary least
        // squares gives column 1 a negative coefficient to cancel it.
        var a = Enumerable.Range(0, 30).Select(i => new[] { (double)i, i + (i > 15 ? 3.0 : 0) + (i % 3) }).ToArray();
        var y = a.Select(r => 5 * r[0] - 0.5 * r[1]).ToArray();
        var x = NonNegativeLeastSquares.Solve(a, y);
        Assert.Equal(0, x[1]);
        // With column 1 out, column 0 is the one-column fit through the origin.
        var single = a.Zip(y).Sum(p => p.First[0] * p.Second) / a.Sum(r => r[0] * r[0]);
        Assert.InRange(x[0], single - 1e-9, single + 1e-9);
    }

    [Fact]
    public void Finds_the_best_of_every_non_negative_subset_fit()
    {
        // Brute force: the exact optimum is an unconstrained fit on some subset of columns with every
        // coefficient ≥ 0. The solver must not do worse than the best of them on random problems.
        var random = new Random(7);
        for (var trial = 0; trial < 25; trial++)
        {
            var columns = random.Next(2, 5);
            var a = Enumerable.Range(0, 15).Select(_ => Enumerable.Range(0, columns).Select(_ => random.NextDouble() * 1000).ToArray()).ToArray();
            var y = a.Select(r => r.Sum(v => v * (random.NextDouble() - 0.4)) + random.NextDouble() * 50).ToArray();
            var x = NonNegativeLeastSquares.Solve(a, y);
            Assert.All(x, v => Assert.True(v >= 0));
            Assert.True(Residual(a, y, x) <= BestSubset(a, y) * (1 + 1e-9) + 1e-9, $"trial {trial}");
        }
    }

    [Fact]
    public void Duplicate_columns_and_all_negative_targets_do_not_throw()
    {
        var a = Enumerable.Range(1, 10).Select(i => new[] { (double)i, (double)i }).ToArray();
        var up = NonNegativeLeastSquares.Solve(a, a.Select(r => 4 * r[0]).ToArray());
        Assert.InRange(up.Sum(), 3.999, 4.001);
        var down = NonNegativeLeastSquares.Solve(a, a.Select(r => -r[0]).ToArray());
        Assert.Equal([0.0, 0.0], down);
    }

    private static double BestSubset(double[][] a, double[] y)
    {
        var columns = a[0].Length;
        var best = y.Sum(v => v * v);
        for (var mask = 1; mask < 1 << columns; mask++)
        {
            var indices = Enumerable.Range(0, columns).Where(j => (mask & (1 << j)) != 0).ToArray();
            var sub = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(a.Length, indices.Length, (i, k) => a[i][indices[k]]);
            var fit = sub.Svd().Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(y));
            if (fit.Any(v => v < 0)) continue;
            var x = new double[columns];
            for (var k = 0; k < indices.Length; k++) x[indices[k]] = fit[k];
            best = Math.Min(best, Residual(a, y, x));
        }
        return best;
    }
}
