using LoadLeak.Correlator.Comparing;

namespace LoadLeak.Tests.Correlator.Comparing;

public sealed class PairedSecondsTestTests
{
    private const int Simulations = 400;

    /// <summary>An AR(1) series: per-second throughput wanders, each second leaning on the one before.</summary>
    private static double[] Ar1(Random random, int n, double mean, double sd, double phi)
    {
        var x = new double[n];
        var level = Normal(random);
        for (var i = 0; i < n; i++)
        {
            level = phi * level + Math.Sqrt(1 - phi * phi) * Normal(random);
            x[i] = mean + sd * level;
        }
        return x;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Theory]
    [InlineData(0.0, 60)]
    [InlineData(0.5, 60)]
    [InlineData(0.8, 120)]
    public void Identical_runs_are_called_different_in_at_most_5_percent_of_comparisons(double phi, int seconds)
    {
        var random = new Random(31);
        var falseAlarms = Enumerable.Range(0, Simulations)
            .Count(_ => PairedSecondsTest.Run(Ar1(random, seconds, 1000, 50, phi), Ar1(random, seconds, 1000, 50, phi))!.Significant);
        Assert.InRange(falseAlarms, 0, Simulations * 5 / 100);
        // A test that never fires would pass the above.
        Assert.True(falseAlarms > 0, "no false alarm at all: the test has no power");
    }

    [Fact]
    public void Treating_persistent_seconds_as_independent_would_have_raised_false_alarms()
    {
        var random = new Random(31);
        var naive = Enumerable.Range(0, Simulations).Count(_ =>
        {
            var a = Ar1(random, 120, 1000, 50, 0.8);
            var b = Ar1(random, 120, 1000, 50, 0.8);
            var d = a.Zip(b, (x, y) => y - x).ToArray();
            var mean = d.Average();
            var se = Math.Sqrt(d.Sum(v => (v - mean) * (v - mean)) / (d.Length - 1) / d.Length);
            return Math.Abs(mean / se) > 1.98;
        });
        Assert.True(naive > Simulations * 20 / 100, $"naive t on seconds: {naive} of {Simulations}");
    }

    [Fact]
    public void A_real_shift_is_found_with_its_sign_and_an_interval_around_it()
    {
        var random = new Random(9);
        var results = Enumerable.Range(0, Simulations)
            .Select(_ => PairedSecondsTest.Run(Ar1(random, 60, 1000, 50, 0.5), Ar1(random, 60, 1075, 50, 0.5))!).ToList();
        Assert.True(results.Count(r => r.Significant && r.Difference > 0) > Simulations * 80 / 100, "a shift of 1.5 sd over 60 s");
        Assert.True(results.Count(r => r.Low <= 75 && 75 <= r.High) > Simulations * 90 / 100, "the interval covers the true shift");
    }

    [Fact]
    public void Too_few_paired_seconds_give_no_answer()
    {
        Assert.Null(PairedSecondsTest.Run(new double[19], new double[30]));
    }
}
