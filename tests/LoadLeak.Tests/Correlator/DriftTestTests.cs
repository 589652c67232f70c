using LoadLeak.Correlator.Analysis;

namespace LoadLeak.Tests.Correlator;

public class DriftTestTests
{
    [Fact]
    public void A_walk_with_steady_positive_steps_drifts()
    {
        var noise = new Noise(3);
        double level = 0;
        var x = Enumerable.Range(0, 20).Select(_ => level += 3 + noise.Gaussian()).ToList();
        var drift = DriftTest.Test(x);
        Assert.NotNull(drift);
        Assert.True(drift.Value.P < 0.001 && drift.Value.Z > 3, $"z {drift.Value.Z}");
    }

    [Fact]
    public void A_walk_without_drift_does_not()
    {
        var noise = new Noise(4);
        double level = 0;
        var x = Enumerable.Range(0, 40).Select(_ => level += noise.Gaussian()).ToList();
        var drift = DriftTest.Test(x)!.Value;
        Assert.True(drift.P > 0.05, $"p {drift.P}");
    }

    [Fact]
    public void One_jump_in_a_flat_series_is_not_a_drift()
    {
        var x = Enumerable.Range(0, 20).Select(i => i < 10 ? 10.0 : 74.0).ToList();
        Assert.True(DriftTest.Test(x)!.Value.P > 0.05);
    }

    [Fact]
    public void Too_few_steps_say_nothing() => Assert.Null(DriftTest.Test([1, 2, 3]));
}
