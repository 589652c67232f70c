namespace LoadLeak.Correlator.Capacity;

/// <summary>
/// Least-squares fit of the Universal Scalability Law with σ, κ ≥ 0. For fixed σ and κ the
/// best λ has a closed form (the model is linear in λ), so the search is two-dimensional:
/// a log-spaced grid finds the basin (the surface is flat and skewed, so a local method
/// alone starts badly), then a compass search with shrinking steps polishes it. Bounds
/// hold by construction, no derivatives are needed, and the result is deterministic.
/// </summary>
internal static class UslFit
{
    private const int GridSteps = 60;
    private const int MaxPolishIterations = 2_000;

    public static UslModel Fit(IReadOnlyList<(double N, double X)> points)
    {
        Validate(points);
        var best = GridSearch(points);
        best = SnapToBounds(points, Polish(points, best));
        var lambda = BestLambda(points, best.Sigma, best.Kappa);
        return new UslModel(best.Sigma, best.Kappa, lambda, RSquared(points, best.Sigma, best.Kappa, lambda));
    }

    private static void Validate(IReadOnlyList<(double N, double X)> points)
    {
        if (points.Count < 3) throw new ArgumentException($"the USL needs at least 3 points, got {points.Count}", nameof(points));
        if (points.Any(p => !(p.N >= 1) || !(p.X >= 0) || double.IsInfinity(p.N) || double.IsInfinity(p.X)))
            throw new ArgumentException("USL points need concurrency ≥ 1 and finite throughput ≥ 0", nameof(points));
        if (points.Select(p => p.N).Distinct().Count() < 3)
            throw new ArgumentException("the USL needs at least 3 distinct concurrency levels", nameof(points));
    }

    private static (double Sigma, double Kappa, double Sse) GridSearch(IReadOnlyList<(double N, double X)> points)
    {
        var sigmas = LogGrid(1e-6, 1);
        var kappas = LogGrid(1e-9, 1);
        (double Sigma, double Kappa, double Sse) best = (0, 0, double.PositiveInfinity);
        foreach (var sigma in sigmas)
        {
            foreach (var kappa in kappas)
            {
                var sse = Sse(points, sigma, kappa);
                if (sse < best.Sse) best = (sigma, kappa, sse);
            }
        }
        return best;
    }

    private static IEnumerable<double> LogGrid(double from, double to)
    {
        yield return 0;
        var ratio = Math.Log(to / from) / (GridSteps - 1);
        for (var i = 0; i < GridSteps; i++) yield return from * Math.Exp(ratio * i);
    }

    private static (double Sigma, double Kappa, double Sse) Polish(IReadOnlyList<(double N, double X)> points,
        (double Sigma, double Kappa, double Sse) start)
    {
        var (sigma, kappa, sse) = start;
        double stepSigma = Math.Max(sigma, 1e-6) / 2, stepKappa = Math.Max(kappa, 1e-9) / 2;
        for (var i = 0; i < MaxPolishIterations && (stepSigma > 1e-12 || stepKappa > 1e-15); i++)
        {
            var improved = false;
            foreach (var (ds, dk) in new[] { (stepSigma, 0.0), (-stepSigma, 0.0), (0.0, stepKappa), (0.0, -stepKappa) })
            {
                double s = Math.Max(0, sigma + ds), k = Math.Max(0, kappa + dk);
                var candidate = Sse(points, s, k);
                if (candidate < sse)
                {
                    (sigma, kappa, sse, improved) = (s, k, candidate, true);
                    break;
                }
            }
            if (!improved)
            {
                stepSigma /= 2;
                stepKappa /= 2;
            }
        }
        return (sigma, kappa, sse);
    }

    /// <summary>A search stops a hair away from a bound (κ = 1e-15, not 0), which would read as a
    /// finite but absurd peak: a parameter whose removal costs nothing measurable is zero.</summary>
    private static (double Sigma, double Kappa, double Sse) SnapToBounds(IReadOnlyList<(double N, double X)> points,
        (double Sigma, double Kappa, double Sse) fit)
    {
        var tolerance = fit.Sse * 1e-9 + 1e-12 * points.Sum(p => p.X * p.X);
        foreach (var (s, k) in new[] { (fit.Sigma, 0.0), (0.0, fit.Kappa) })
        {
            var sse = Sse(points, s, k);
            if (sse <= fit.Sse + tolerance) fit = (s, k, sse);
        }
        return fit;
    }

    /// <summary>argmin over λ of Σ(X − λg)², g = N / D(N): λ = ΣXg / Σg².</summary>
    private static double BestLambda(IReadOnlyList<(double N, double X)> points, double sigma, double kappa)
    {
        double xg = 0, gg = 0;
        foreach (var (n, x) in points)
        {
            var g = n / UslModel.Denominator(sigma, kappa, n);
            xg += x * g;
            gg += g * g;
        }
        return gg > 0 ? xg / gg : 0;
    }

    private static double Sse(IReadOnlyList<(double N, double X)> points, double sigma, double kappa)
    {
        var lambda = BestLambda(points, sigma, kappa);
        double sse = 0;
        foreach (var (n, x) in points)
        {
            var residual = x - lambda * n / UslModel.Denominator(sigma, kappa, n);
            sse += residual * residual;
        }
        return sse;
    }

    private static double RSquared(IReadOnlyList<(double N, double X)> points, double sigma, double kappa, double lambda)
    {
        var mean = points.Average(p => p.X);
        var total = points.Sum(p => (p.X - mean) * (p.X - mean));
        var residual = points.Sum(p => Math.Pow(p.X - lambda * p.N / UslModel.Denominator(sigma, kappa, p.N), 2));
        return total > 0 ? 1 - residual / total : (residual == 0 ? 1 : 0);
    }
}
