using LoadLeak.Correlator.Analysis;

namespace LoadLeak.Tests.Correlator;

public class GrowthSharesTests
{
    private static (double[][] Design, double[] Y) Centred(double[][] x, double[] y)
    {
        var means = Enumerable.Range(0, x[0].Length).Select(j => x.Average(r => r[j])).ToArray();
        var yMean = y.Average();
        return (x.Select(r => r.Select((v, j) => v - means[j]).ToArray()).ToArray(), y.Select(v => v - yMean).ToArray());
    }

    private static IReadOnlyList<ScenarioShare> Estimate(double[][] x, double[] y)
    {
        var (design, centred) = Centred(x, y);
        var coefficients = NonNegativeLeastSquares.Solve(design, centred);
        var requests = Enumerable.Range(0, x[0].Length).Select(j => x[^1][j] - x[0][j]).ToArray();
        return GrowthShares.Estimate(Enumerable.Range(0, x[0].Length).Select(j => $"s{j}").ToList(), design, centred, coefficients, requests);
    }

    /// <summary>Cumulative requests of two scenarios: s0 busy first, s1 busy last.</summary>
    private static double[][] Staggered(int points) => Enumerable.Range(0, points)
        .Select(i => new[] { 1000.0 * Math.Min(i, points / 2) + 200.0 * Math.Max(0, i - points / 2),
            200.0 * Math.Min(i, points / 2) + 1000.0 * Math.Max(0, i - points / 2) })
        .ToArray();

    [Fact]
    public void A_separable_design_names_the_scenario_that_retains_with_a_tight_share()
    {
        var noise = new Noise(3);
        var x = Staggered(16);
        var y = x.Select(r => 50e6 + 4096 * r[1] + noise.Gaussian() * 1e6).ToArray();
        var shares = Estimate(x, y);
        Assert.Equal("s1", GrowthShares.Blamed(shares));
        var s1 = shares.Single(s => s.Scenario == "s1");
        Assert.True(s1.Share > 0.9 && s1.StdDev < 0.1 && s1.TopProbability > 0.95, s1.ToString());
    }

    [Fact]
    public void Both_scenarios_retaining_alike_get_shares_near_their_request_counts()
    {
        var noise = new Noise(4);
        var x = Staggered(16);
        var y = x.Select(r => 50e6 + 2048 * (r[0] + r[1]) + noise.Gaussian() * 5e5).ToArray();
        var shares = Estimate(x, y);
        Assert.All(shares, s => Assert.InRange(s.Share, 0.4, 0.6));
    }

    [Fact]
    public void A_protocol_is_named_only_when_most_refits_agree()
    {
        ScenarioShare S(string name, double share, double top) => new(name, share, 0.1, top);
        Assert.Equal("grpc", GrowthShares.Blamed([S("grpc", 0.7, 0.85), S("kafka", 0.3, 0.15)]));
        Assert.Equal(GrowthShares.Undetermined, GrowthShares.Blamed([S("grpc", 0.6, 0.7), S("kafka", 0.4, 0.3)]));
        Assert.Null(GrowthShares.Blamed([]));
    }

    [Fact]
    public void No_growth_gives_no_shares()
    {
        var x = Staggered(10);
        Assert.Empty(Estimate(x, x.Select(_ => 50e6).ToArray()));
    }
}
