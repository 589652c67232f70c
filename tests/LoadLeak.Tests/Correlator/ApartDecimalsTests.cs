using System.Globalization;
using LoadLeak.Correlator.Analysis;

namespace LoadLeak.Tests.Correlator;

public class ApartDecimalsTests
{
    [Theory]
    [InlineData(0.94997, 0.95, 3, 5)]
    [InlineData(0.284, 0.95, 3, 3)]
    [InlineData(9.96, 10, 1, 2)]
    [InlineData(0.9999999, 0.95, 3, 3)]
    public void A_number_keeps_the_decimals_its_comparison_needs(double value, double limit, int atLeast, int expected) =>
        Assert.Equal(expected, ApartDecimals.Of(value, limit, atLeast));

    [Fact]
    public void Rounded_text_never_contradicts_the_comparison()
    {
        var random = new Random(17);
        for (var i = 0; i < 10_000; i++)
        {
            var limit = Math.Round(random.NextDouble(), 2);
            var value = limit - random.NextDouble() * Math.Pow(10, -random.Next(1, 9));
            var d = ApartDecimals.Of(value, limit, 3);
            var shown = double.Parse(value.ToString(ApartDecimals.Format(d, d), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            var limitShown = double.Parse(limit.ToString(ApartDecimals.Format(2, d), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            Assert.True(shown < limitShown, $"{value} < {limit} shown as {shown} < {limitShown}");
        }
    }
}
