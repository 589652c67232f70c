using LoadLeak.Reporting.Html.Plots;

namespace LoadLeak.Tests.Reporting;

public class DownsamplerTests
{
    [Fact]
    public void Nulls_and_non_finite_values_split_segments()
    {
        double?[] ys = [1, 2, null, 3, double.NaN, 4, 5];
        var segments = Downsampler.Segments(Enumerable.Range(0, ys.Length).Select(i => (double)i).ToList(), ys);
        Assert.Equal([[1, 2], [3], [4, 5]], segments.Select(s => s.Ys).ToArray());
    }

    [Fact]
    public void Min_max_bucketing_bounds_the_points_and_keeps_the_spike()
    {
        var xs = Enumerable.Range(0, 3600).Select(i => (double)i).ToArray();
        var ys = xs.Select(x => x == 1234 ? 1000.0 : x == 2000 ? -50 : Math.Sin(x)).ToArray();
        var (dx, dy) = Downsampler.MinMax(xs, ys, span: 3600, buckets: 600);

        Assert.InRange(dx.Length, 600, 1202);
        Assert.Contains(1000.0, dy);
        Assert.Contains(-50.0, dy);
        Assert.Equal(0, dx[0]);
        Assert.Equal(3599, dx[^1]);
        Assert.True(dx.Zip(dx.Skip(1)).All(p => p.First < p.Second), "x stays sorted");
    }

    [Fact]
    public void Short_series_are_left_alone()
    {
        double[] xs = [0, 1, 2, 3];
        var (dx, _) = Downsampler.MinMax(xs, [1, 2, 3, 4], span: 3600);
        Assert.Same(xs, dx);
    }
}
