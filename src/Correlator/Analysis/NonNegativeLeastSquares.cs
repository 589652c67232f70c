using MathNet.Numerics.LinearAlgebra;

namespace LoadLeak.Correlator.Analysis;

/// <summary>
/// Least squares with every coefficient ≥ 0 (Lawson and Hanson's active-set algorithm). A scenario's
/// requests can retain memory but cannot un-retain it, so a negative bytes-per-request is never a
/// finding: in ordinary least squares it is how two nearly collinear regressors trade a large positive
/// coefficient on the wrong one against a negative one on another.
/// </summary>
internal static class NonNegativeLeastSquares
{
    private const int MaxIterationsPerColumn = 30;

    /// <summary>Minimises ‖A x − y‖ over x ≥ 0. <paramref name="a"/> is row-major (one row per observation).</summary>
    public static double[] Solve(double[][] a, double[] y)
    {
        if (a.Length != y.Length) throw new ArgumentException("a and y differ in length");
        var columns = a.Length == 0 ? 0 : a[0].Length;
        var x = new double[columns];
        if (columns == 0 || a.Length == 0) return x;

        // Scale each column to unit norm so the tolerance means the same for request counts of any size.
        var scale = Enumerable.Range(0, columns).Select(j => Math.Sqrt(a.Sum(row => row[j] * row[j]))).Select(n => n > 0 ? n : 1).ToArray();
        var matrix = Matrix<double>.Build.Dense(a.Length, columns, (i, j) => a[i][j] / scale[j]);
        var target = Vector<double>.Build.DenseOfArray(y);
        var tolerance = 1e-10 * Math.Max(1, target.L2Norm()) * Math.Max(1, columns);

        var passive = new bool[columns];
        var solution = Vector<double>.Build.Dense(columns);
        for (var iteration = 0; iteration < MaxIterationsPerColumn * columns; iteration++)
        {
            var gradient = matrix.TransposeThisAndMultiply(target - matrix * solution);
            var enter = -1;
            for (var j = 0; j < columns; j++)
                if (!passive[j] && gradient[j] > tolerance && (enter < 0 || gradient[j] > gradient[enter])) enter = j;
            if (enter < 0) break;
            passive[enter] = true;
            solution = InnerLoop(matrix, target, passive, solution, tolerance);
        }
        for (var j = 0; j < columns; j++) x[j] = Math.Max(0, solution[j]) / scale[j];
        return x;
    }

    /// <summary>Solves on the passive set; steps back toward the feasible region while any coefficient goes ≤ 0.</summary>
    private static Vector<double> InnerLoop(Matrix<double> a, Vector<double> y, bool[] passive, Vector<double> current, double tolerance)
    {
        while (true)
        {
            var trial = Unconstrained(a, y, passive);
            var blocking = Enumerable.Range(0, passive.Length).Where(j => passive[j] && trial[j] <= 0).ToList();
            if (blocking.Count == 0) return trial;
            var step = blocking.Min(j => current[j] / (current[j] - trial[j]));
            current += step * (trial - current);
            var dropped = false;
            for (var j = 0; j < passive.Length; j++)
                if (passive[j] && current[j] <= tolerance)
                {
                    passive[j] = false;
                    current[j] = 0;
                    dropped = true;
                }
            if (!dropped) return current; // numerical stalemate: keep the feasible point
        }
    }

    /// <summary>Ordinary least squares on the passive columns (zero elsewhere); SVD copes with a rank-deficient set.</summary>
    private static Vector<double> Unconstrained(Matrix<double> a, Vector<double> y, bool[] passive)
    {
        var indices = Enumerable.Range(0, passive.Length).Where(j => passive[j]).ToArray();
        var result = Vector<double>.Build.Dense(passive.Length);
        if (indices.Length == 0) return result;
        var sub = Matrix<double>.Build.DenseOfColumnVectors(indices.Select(a.Column));
        var fit = sub.Svd(computeVectors: true).Solve(y);
        for (var k = 0; k < indices.Length; k++) result[indices[k]] = fit[k];
        return result;
    }
}
