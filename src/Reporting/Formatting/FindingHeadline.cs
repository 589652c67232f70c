using System.Globalization;
using LoadLeak.Results;

namespace LoadLeak.Reporting.Formatting;

/// <summary>
/// One sentence per finding, read at a glance: "heap grew 737 MB over 60 s, ~1.5 KB per http request, not recovered
/// after cool-down — leak". Built from the finding's fields, never from its summary text; report.html and report.md
/// both use it, so the two always say the same.
/// </summary>
internal static class FindingHeadline
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Of(LeakFinding f, RunDocument doc)
    {
        var span = LoadSpan(doc);
        var growth = f.GrowthTotal ?? (span > 0 ? f.Slope * span : (double?)null);
        var parts = new List<string> { Name(f.Resource) + " " + Change(f.Resource, growth) + (span > 0 ? " over " + Units.Duration(span) : "") };
        if (f.SlopePerRequest is { } perRequest && double.IsFinite(perRequest))
            parts.Add("~" + Amount(f.Resource, perRequest) + " per " + (f.Scenario is { Length: > 0 } s ? s + " request" : "request"));
        if (f.Recovered is { } recovered) parts.Add(recovered ? "recovered after cool-down" : "not recovered after cool-down");
        return string.Join(", ", parts) + " — " + VerdictOf(f) switch
        {
            LeakVerdict.Leak => "leak",
            LeakVerdict.Inconclusive => "inconclusive",
            _ => "no leak",
        };
    }

    /// <summary>The finding's own answer; files written before findings carried one say only leak or not.</summary>
    public static LeakVerdict VerdictOf(LeakFinding f) => f.Verdict ?? (f.IsLeak ? LeakVerdict.Leak : LeakVerdict.NoLeak);

    /// <summary>The load the trend was tested over: first non-warm-up phase start to the last phase end.</summary>
    public static double LoadSpan(RunDocument doc)
    {
        var load = doc.Phases.Where(p => p.Kind != PhaseKind.WarmUp && double.IsFinite(p.Start) && double.IsFinite(p.End)).ToList();
        return load.Count > 0 ? load.Max(p => p.End) - load.Min(p => p.Start) : doc.DurationSeconds;
    }

    private static string Change(LeakResource resource, double? growth) => growth switch
    {
        null => "trend measured",
        > 0 => "grew " + (resource.IsMemory() ? "" : "by ") + Amount(resource, growth.Value),
        < 0 => "fell " + (resource.IsMemory() ? "" : "by ") + Amount(resource, -growth.Value),
        _ => "did not grow",
    };

    private static string Amount(LeakResource resource, double value) =>
        resource.IsMemory() ? Size(value) : value.ToString(Math.Abs(value) >= 10 ? "0" : "0.##", Inv);

    /// <summary>Bytes with as many digits as a glance needs: 737 MB, 12.5 MB, 1.5 KB, 212 B.</summary>
    private static string Size(double bytes)
    {
        var a = Math.Abs(bytes);
        var (value, unit) = a >= Units.MB * 1024 ? (bytes / Units.MB / 1024, "GB") : a >= Units.MB ? (bytes / Units.MB, "MB")
            : a >= 1024 ? (bytes / 1024, "KB") : (bytes, "B");
        var abs = Math.Abs(value);
        return value.ToString(abs >= 100 || unit == "B" ? "0" : abs >= 10 ? "0.#" : "0.##", Inv) + " " + unit;
    }

    private static string Name(LeakResource resource) => resource switch
    {
        LeakResource.Rss => "RSS",
        LeakResource.Fds => "file descriptors",
        _ => resource.ToJsonName(),
    };
}
