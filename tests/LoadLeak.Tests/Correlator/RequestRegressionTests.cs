using LoadLeak.Correlator.Analysis;
using LoadLeak.Results;
using static LoadLeak.Tests.Correlator.SyntheticRun;

namespace LoadLeak.Tests.Correlator;

public class RequestRegressionTests
{
    /// <summary>http ramps 50→100→150 req/s; grpc runs 200 req/s then drops to 20: different shapes, separable.</summary>
    private static SyntheticRun TwoScenarios() => new SyntheticRun()
        .Phase("warmup", PhaseKind.WarmUp, 0, 30, 10, "http")
        .Phase("http-1", PhaseKind.Load, 30, 230, 50, "http")
        .Phase("http-2", PhaseKind.Load, 230, 430, 100, "http")
        .Phase("http-3", PhaseKind.Load, 430, 630, 150, "http")
        .Phase("grpc-1", PhaseKind.Load, 30, 330, 200, "grpc")
        .Phase("grpc-2", PhaseKind.Load, 330, 630, 20, "grpc");

    [Fact]
    public void Multiple_regression_attributes_growth_to_the_scenario_causing_it()
    {
        var run = TwoScenarios();
        var cumulative = Cumulative(run, "http");
        var noise = new Noise(21);
        var result = run.Samples((t, s) => s with { PostGcHeapBytes = 50 * Mb + 2000 * cumulative(t) + noise.Gaussian() * 200_000 }).Analyze();

        var http = Assert.Single(result.BytesPerRequest, r => r.Scenario == "http");
        var grpc = Assert.Single(result.BytesPerRequest, r => r.Scenario == "grpc");
        Assert.InRange(http.BytesPerRequest, 1900, 2100);
        Assert.InRange(grpc.BytesPerRequest, -100, 100);
        Assert.True(http.RSquared > 0.99);
        var heap = Assert.Single(result.Leak.Findings, f => f.Resource == LeakResource.Heap);
        Assert.True(heap.IsLeak, heap.Summary);
        Assert.Equal("http", heap.Scenario);
        Assert.Equal("http-3", heap.Phase);
        Assert.InRange(heap.SlopePerRequest!.Value, 1900, 2100);
    }

    [Fact]
    public void The_other_scenario_is_blamed_when_it_is_the_one_leaking()
    {
        var run = TwoScenarios();
        var cumulative = Cumulative(run, "grpc");
        var noise = new Noise(22);
        var result = run.Samples((t, s) => s with { PostGcHeapBytes = 50 * Mb + 500 * cumulative(t) + noise.Gaussian() * 200_000 }).Analyze();
        Assert.InRange(Assert.Single(result.BytesPerRequest, r => r.Scenario == "grpc").BytesPerRequest, 450, 550);
        Assert.Equal("grpc", Assert.Single(result.Leak.Findings, f => f.Resource == LeakResource.Heap).Scenario);
    }

    [Fact]
    public void Scenarios_in_lockstep_are_pooled_with_a_note()
    {
        var run = new SyntheticRun()
            .Phase("a", PhaseKind.Load, 0, 300, 100, "http")
            .Phase("b", PhaseKind.Load, 0, 300, 50, "grpc");
        var cumulative = Cumulative(run, "http");
        var result = run.Samples((t, s) => s with { PostGcHeapBytes = 50 * Mb + 1000 * cumulative(t) }).Analyze();
        var row = Assert.Single(result.BytesPerRequest);
        Assert.Equal("grpc+http", row.Scenario);
        Assert.InRange(row.BytesPerRequest, 600, 700);
        Assert.Contains(result.Leak.Notes, n => n.Contains("lockstep", StringComparison.Ordinal));
    }

    [Fact]
    public void A_small_scenario_whose_rate_triples_is_not_in_lockstep_with_a_large_steady_one()
    {
        // The accuracy matrix's kafka-only case: http at ~20k req/s throughout, kafka at 1.4k then 4.4k.
        // kafka's share of both stays between 0.06 and 0.15 (a spread below 0.05), yet its rate tripled.
        var run = new SyntheticRun()
            .Phase("h1", PhaseKind.Load, 0, 100, 22_000, "http").Phase("h2", PhaseKind.Load, 100, 200, 19_000, "http")
            .Phase("h3", PhaseKind.Load, 200, 300, 24_000, "http")
            .Phase("k1", PhaseKind.Load, 0, 200, 1_400, "kafka").Phase("k3", PhaseKind.Load, 200, 300, 4_400, "kafka");
        var cumulative = Cumulative(run, "kafka");
        var noise = new Noise(25);
        var result = run.Samples((t, s) => s with { PostGcHeapBytes = 50 * Mb + 200 * cumulative(t) + noise.Gaussian() * 2e6 }).Analyze();
        Assert.DoesNotContain(result.Leak.Notes, n => n.Contains("lockstep", StringComparison.Ordinal));
        Assert.Equal("kafka", Assert.Single(result.Leak.Findings, f => f.Resource == LeakResource.Heap).Scenario);
    }

    [Fact]
    public void Request_counts_that_are_a_mix_of_the_others_leave_the_protocol_undetermined()
    {
        // kafka's rate is always half http's plus half grpc's: every pair's shares move (not lockstep),
        // but kafka's count is a combination of the other two, so kafka's growth could be theirs.
        var run = new SyntheticRun()
            .Phase("h1", PhaseKind.Load, 0, 100, 300, "http").Phase("h2", PhaseKind.Load, 100, 200, 50, "http")
            .Phase("g1", PhaseKind.Load, 0, 100, 50, "grpc").Phase("g2", PhaseKind.Load, 100, 200, 300, "grpc")
            .Phase("k1", PhaseKind.Load, 0, 100, 175, "kafka").Phase("k2", PhaseKind.Load, 100, 200, 175, "kafka");
        var cumulative = Cumulative(run, "kafka");
        var noise = new Noise(23);
        var result = run.Samples((t, s) => s with { PostGcHeapBytes = 50 * Mb + 4096 * cumulative(t) + noise.Gaussian() * 2e6 }).Analyze();
        var heap = Assert.Single(result.Leak.Findings, f => f.Resource == LeakResource.Heap);
        Assert.True(heap.IsLeak, heap.Summary);
        Assert.Equal(GrowthShares.Undetermined, heap.Scenario);
        Assert.Contains(result.Leak.Notes, n => n.Contains("collinear", StringComparison.Ordinal));
    }

    [Fact]
    public void A_negative_coefficient_is_never_reported()
    {
        // grpc alone retains; http's counts rise with grpc's then keep rising when grpc stops, which
        // ordinary least squares would use to give http a negative coefficient against a noisy heap.
        var run = TwoScenarios();
        var cumulative = Cumulative(run, "grpc");
        var noise = new Noise(24);
        var result = run.Samples((t, s) => s with { PostGcHeapBytes = 50 * Mb + 1000 * cumulative(t) + noise.Ar1(0.9, 3e6) }).Analyze();
        Assert.All(result.BytesPerRequest, r => Assert.True(r.BytesPerRequest >= 0, $"{r.Scenario}: {r.BytesPerRequest}"));
        Assert.Equal("grpc", Assert.Single(result.Leak.Findings, f => f.Resource == LeakResource.Heap).Scenario);
    }

    private static Func<double, double> Cumulative(SyntheticRun run, string scenario) =>
        t => run.Intervals.Where(r => r.Scenario == scenario && r.T <= t).Sum(r => r.Ok);

    [Fact]
    public void A_resource_without_samples_fits_nothing_instead_of_throwing()
    {
        // A non-.NET target has no GC heap series: the regression must not run Max() over nothing.
        var intervals = Enumerable.Range(1, 10)
            .Select(t => new IntervalRow(t, "kafka", "load", 1000, 0, 1000, 0, 0, 0, 10, 0, 0, 0))
            .ToList();
        var outcome = RequestRegressor.Fit([], intervals);
        Assert.Empty(outcome.Rows);
    }
}
