using LoadLeak.Correlator.Soak;
using LoadLeak.Results;

namespace LoadLeak.Tests.Correlator.Soak;

public sealed class SoakForecasterTests
{
    [Fact]
    public void Soak_forecast_needs_a_significant_upward_trend()
    {
        TargetSample[] Samples(Func<int, double> rss) =>
            Enumerable.Range(0, 600).Select(i => new TargetSample { T = i, RssBytes = rss(i) }).ToArray();
        var rising = new RunDocument { RunId = "r", Samples = Samples(i => 100e6 + i * 10_000 + (i % 7) * 50_000) };
        var flat = new RunDocument { RunId = "f", Samples = Samples(i => 100e6 + (i % 7) * 50_000) };
        var limit = (1e9, "test limit");

        var forecast = SoakForecaster.Forecast(rising, 0, 600, limit);
        Assert.InRange(forecast.RssSlopeBytesPerHour!.Value, 30e6, 42e6); // 10 kB/s = 36 MB/h
        Assert.InRange(forecast.ForecastSecondsToExhaustion!.Value, 80_000, 100_000); // (1e9 - ~106e6) / 10 kB/s
        Assert.Null(SoakForecaster.Forecast(flat, 0, 600, limit).ForecastSecondsToExhaustion);
    }
}
