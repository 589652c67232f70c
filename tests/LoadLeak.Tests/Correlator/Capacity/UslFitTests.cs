using LoadLeak.Correlator.Capacity;

namespace LoadLeak.Tests.Correlator.Capacity;

public class UslFitTests
{
    private static List<(double N, double X)> Synthetic(double sigma, double kappa, double lambda, double noise, int seed)
    {
        var random = new Random(seed);
        var model = new UslModel(sigma, kappa, lambda, 1);
        return Enumerable.Range(1, 64)
            .Select(n => ((double)n, model.Throughput(n) * (1 + noise * (2 * random.NextDouble() - 1))))
            .ToList();
    }

    [Fact]
    public void Recovers_exact_parameters_without_noise()
    {
        var fit = UslFit.Fit(Synthetic(0.05, 0.0002, 1000, 0, 1));

        Assert.Equal(0.05, fit.Sigma, 1e-4);
        Assert.Equal(0.0002, fit.Kappa, 1e-6);
        Assert.Equal(1000, fit.Lambda, 0.1);
        Assert.Equal(1, fit.RSquared, 1e-9);
        Assert.Equal(Math.Sqrt(0.95 / 0.0002), fit.PeakConcurrency, 0.01);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Recovers_parameters_from_data_with_two_percent_noise(int seed)
    {
        var fit = UslFit.Fit(Synthetic(0.05, 0.0002, 1000, 0.02, seed));

        Assert.InRange(fit.Sigma, 0.04, 0.06);
        Assert.InRange(fit.Kappa, 0.00015, 0.00025);
        Assert.InRange(fit.Lambda, 970, 1030);
        Assert.True(fit.RSquared > 0.95, $"R² {fit.RSquared}");
        Assert.InRange(fit.PeakConcurrency, 60, 80);
        var truePeak = new UslModel(0.05, 0.0002, 1000, 1).PeakThroughput;
        Assert.InRange(fit.PeakThroughput, truePeak * 0.97, truePeak * 1.03);
    }

    [Fact]
    public void Linear_scaling_has_no_contention_nor_coherency()
    {
        var points = Enumerable.Range(1, 32).Select(n => ((double)n, 500.0 * n)).ToList();

        var fit = UslFit.Fit(points);

        Assert.Equal(0, fit.Sigma, 1e-6);
        Assert.Equal(0, fit.Kappa, 1e-8);
        Assert.Equal(500, fit.Lambda, 0.01);
        Assert.True(fit.PeakConcurrency > 1e4, $"peak {fit.PeakConcurrency}");
    }

    [Fact]
    public void Pure_contention_flattens_towards_lambda_over_sigma()
    {
        var model = new UslModel(0.1, 0, 200, 1);
        var points = new[] { 1, 2, 4, 8, 16, 32, 64 }.Select(n => ((double)n, model.Throughput(n))).ToList();

        var fit = UslFit.Fit(points);

        Assert.Equal(0.1, fit.Sigma, 1e-4);
        Assert.Equal(0, fit.Kappa, 1e-8);
        Assert.True(double.IsPositiveInfinity(fit.PeakConcurrency));
        Assert.Equal(2000, fit.PeakThroughput, 1);
    }

    [Fact]
    public void Parameters_are_never_negative_even_for_superlinear_data()
    {
        // Superlinear (cache warming) data would want σ < 0; the fit clamps at 0.
        var points = new[] { (1.0, 100.0), (2.0, 230.0), (4.0, 500.0), (8.0, 1100.0) };

        var fit = UslFit.Fit(points);

        Assert.True(fit.Sigma >= 0 && fit.Kappa >= 0);
    }

    [Fact]
    public void Too_few_levels_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => UslFit.Fit([(1, 100), (2, 190)]));
        Assert.Throws<ArgumentException>(() => UslFit.Fit([(1, 100), (1, 110), (2, 190)]));
        Assert.Throws<ArgumentException>(() => UslFit.Fit([(0, 100), (1, 110), (2, 190)]));
    }
}
