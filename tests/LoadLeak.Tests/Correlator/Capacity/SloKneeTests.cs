using LoadLeak.Correlator.Capacity;

namespace LoadLeak.Tests.Correlator.Capacity;

public class SloKneeTests
{
    [Fact]
    public void Interpolates_between_the_last_step_within_and_the_first_step_above()
    {
        var points = new[] { (100.0, 20.0), (200.0, 40.0), (300.0, 80.0), (400.0, 300.0) };

        // 50 ms lies a quarter of the way from 40 ms (N=200) to 80 ms (N=300).
        Assert.Equal(225, SloKnee.Find(points, 50)!.Value, 1e-9);
    }

    [Fact]
    public void Order_of_points_does_not_matter_and_repeated_levels_are_averaged()
    {
        var points = new[] { (300.0, 70.0), (100.0, 20.0), (300.0, 90.0), (200.0, 40.0) };

        Assert.Equal(225, SloKnee.Find(points, 50)!.Value, 1e-9);
    }

    [Fact]
    public void Null_when_latency_never_exceeds_the_slo()
    {
        Assert.Null(SloKnee.Find([(100, 20), (200, 50), (300, 49)], 50));
    }

    [Fact]
    public void Lowest_step_when_even_it_exceeds_the_slo()
    {
        Assert.Equal(100, SloKnee.Find([(100, 60), (200, 90)], 50));
    }

    [Fact]
    public void Slo_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SloKnee.Find([(1, 1)], 0));
    }
}
