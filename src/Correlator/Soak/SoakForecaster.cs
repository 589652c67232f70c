using LoadLeak.Correlator.Analysis;
using LoadLeak.Results;

namespace LoadLeak.Correlator.Soak;

/// <summary>
/// The soak verdict's forecast: Theil-Sen slopes of the retained heap (the forced-GC readings) and of
/// RSS over the held load, and — when memory trends up — how long until RSS reaches the limit.
/// </summary>
public static class SoakForecaster
{
    private const int MaxPoints = 400;
    private const double MinConfidence = 0.95; // Theil-Sen is quadratic; an evenly thinned series keeps the slope

    public static SoakForecast Forecast(RunDocument run, double loadStart, double loadEnd, (double Bytes, string Source)? limit)
    {
        var notes = new List<string>();
        var retained = run.Retained.Where(r => r.T >= loadStart).Select(r => (r.T, r.HeapBytes)).ToArray();
        // The first tenth of the held load is settling (JIT, pools, caches warming); it is not a trend.
        var settled = loadStart + (loadEnd - loadStart) / 10;
        var rss = run.Samples.Where(s => s.T >= settled && s.T <= loadEnd && (s.RssBytes ?? s.WorkingSetBytes) is not null)
            .Select(s => (s.T, (s.RssBytes ?? s.WorkingSetBytes)!.Value)).ToArray();

        var retainedSlope = PerHour(retained, "retained heap", 3, notes);
        var rssSlope = PerHour(rss, "RSS", 10, notes);
        double? forecast = null;
        var trend = rss.Length >= 10 ? MannKendall.Test(rss.Select(p => p.Item2).ToArray()) : null;
        if (trend is not null)
            notes.Add($"RSS trend: Mann-Kendall (Hamed-Rao) z = {trend.Z:0.00}, confidence {trend.Confidence:P1}");
        if (rssSlope is > 0 && trend is { Confidence: >= MinConfidence, Z: > 0 } && limit is { } l && rss.Length > 0)
        {
            var current = rss[^1].Item2;
            forecast = Math.Max(0, (l.Bytes - current) / rssSlope.Value * 3600);
            notes.Add($"RSS grows {rssSlope.Value / 1048576:0.0} MB/h; at that rate it reaches the {l.Bytes / 1073741824:0.0} GiB limit " +
                $"({l.Source}) {TimeSpan.FromSeconds(forecast.Value):d\\.hh\\:mm} (d.hh:mm) after the run");
        }
        else if (rssSlope is not null)
            notes.Add($"RSS does not trend up with ≥ {MinConfidence:P0} confidence over the held load: no exhaustion forecast");

        return new SoakForecast
        {
            DurationSeconds = Math.Round(loadEnd - loadStart, 1),
            RetainedSlopeBytesPerHour = retainedSlope,
            RssSlopeBytesPerHour = rssSlope,
            MemoryLimitBytes = limit?.Bytes,
            MemoryLimitSource = limit?.Source,
            ForecastSecondsToExhaustion = forecast,
            Notes = notes,
        };
    }

    private static double? PerHour((double T, double V)[] points, string what, int minimum, List<string> notes)
    {
        if (points.Length < minimum)
        {
            notes.Add($"{what}: {points.Length} readings, need {minimum} for a slope");
            return null;
        }
        var step = Math.Max(1, points.Length / MaxPoints);
        var thinned = points.Where((_, i) => i % step == 0).ToArray();
        return Math.Round(TheilSen.Slope(thinned.Select(p => p.T).ToArray(), thinned.Select(p => p.V).ToArray()) * 3600, 1);
    }
}
