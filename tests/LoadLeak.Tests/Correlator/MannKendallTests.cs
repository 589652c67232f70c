using LoadLeak.Correlator.Analysis;

namespace LoadLeak.Tests.Correlator;

public class MannKendallTests
{
    [Fact]
    public void Known_values_for_a_short_series()
    {
        var r = MannKendall.Test([1, 3, 2, 4], correctForAutocorrelation: false);
        Assert.Equal(4, r.S);
        Assert.Equal(4 * 3 * 13 / 18.0, r.VarS, 9);
        Assert.Equal(3 / Math.Sqrt(26 / 3.0), r.Z, 9);
        Assert.Equal(0.3082, r.P, 3);
        Assert.Equal(4 / 6.0, r.Tau, 9);
        Assert.Equal(0.75, TheilSen.SlopeByIndex([1, 3, 2, 4]), 9);
    }

    [Fact]
    public void Perfect_trend_has_the_textbook_statistic()
    {
        var x = Enumerable.Range(1, 10).Select(i => (double)i).ToArray();
        var r = MannKendall.Test(x, correctForAutocorrelation: false);
        Assert.Equal(45, r.S);
        Assert.Equal(125, r.VarS, 9);
        Assert.Equal(44 / Math.Sqrt(125), r.Z, 9);
        Assert.True(r.P < 1e-4);
        Assert.Equal(1, r.Tau);
    }

    [Fact]
    public void Ties_reduce_the_variance()
    {
        Assert.Equal(2, MannKendall.Score([1, 1, 2]));
        Assert.Equal((3 * 2 * 11 - 2 * 1 * 9) / 18.0, MannKendall.TieCorrectedVariance([1, 1, 2]), 9);
        Assert.Equal([1.5, 1.5, 3], MannKendall.Ranks([5, 5, 9]));
    }

    [Fact]
    public void Theil_sen_ignores_an_outlier()
    {
        double[] t = [0, 1, 2, 3, 4, 5, 6];
        double[] y = [0, 2, 4, 6, 100, 10, 12];
        Assert.Equal(2, TheilSen.Slope(t, y), 9);
    }

    [Fact]
    public void Hamed_rao_widens_the_variance_of_autocorrelated_noise_and_keeps_false_alarms_rare()
    {
        int corrected = 0, uncorrected = 0;
        for (var seed = 1; seed <= 40; seed++)
        {
            var noise = new Noise(seed);
            var x = Enumerable.Range(0, 120).Select(_ => noise.Ar1(0.9, 1)).ToArray();
            var r = MannKendall.Test(x);
            Assert.True(r.VarianceRatio >= 1);
            if (r.Confidence >= 0.95) corrected++;
            if (MannKendall.Test(x, correctForAutocorrelation: false).Confidence >= 0.95) uncorrected++;
        }
        // Uncorrected Mann-Kendall flags most AR(1) series with phi = 0.9; the corrected one rarely.
        Assert.True(uncorrected >= 15, $"uncorrected false alarms {uncorrected}/40");
        Assert.True(corrected <= 6, $"corrected false alarms {corrected}/40");
    }

    [Fact]
    public void A_real_trend_under_autocorrelated_noise_is_still_found()
    {
        var found = 0;
        for (var seed = 1; seed <= 40; seed++)
        {
            var noise = new Noise(seed);
            var x = Enumerable.Range(0, 120).Select(i => i * 0.05 + noise.Ar1(0.6, 1)).ToArray();
            if (MannKendall.Test(x).Confidence >= 0.95) found++;
        }
        Assert.True(found >= 36, $"found {found}/40");
    }
}
