using System.Globalization;
using System.Text.RegularExpressions;
using LoadLeak.Correlator.Sampling.Endpoints;

namespace LoadLeak.Correlator.Sampling.Go;

/// <summary>
/// Reads the profile counts off the <c>/debug/pprof/</c> index page (<c>&lt;td&gt;3004&lt;/td&gt;&lt;td&gt;&lt;a
/// href='goroutine?debug=1'&gt;</c>). The goroutine count there is <c>runtime.NumGoroutine()</c>: the cheapest way to
/// read it, since <c>goroutine?debug=1</c> collects every goroutine's stack.
/// </summary>
internal static partial class PprofIndexParser
{
    public static IReadOnlyDictionary<string, long> Counts(string html)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (Match m in Row().Matches(html))
            if (long.TryParse(m.Groups["count"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                counts.TryAdd(m.Groups["name"].Value, count);
        return counts;
    }

    /// <summary>The goroutine count, or a one-line reason why the page is not a pprof index.</summary>
    public static long Goroutines(string html) =>
        Counts(html).TryGetValue("goroutine", out var n)
            ? n
            : throw new EndpointContentException("no goroutine count on the page: is the URL the base of /debug/pprof?");

    [GeneratedRegex(@"<td>\s*(?<count>\d+)\s*</td>\s*<td>\s*<a\s+href\s*=\s*['""]?(?<name>[A-Za-z0-9_.-]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Row();
}
