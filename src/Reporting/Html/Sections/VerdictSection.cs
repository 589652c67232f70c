using System.Text;
using LoadLeak.Reporting.Formatting;
using LoadLeak.Results;

namespace LoadLeak.Reporting.Html.Sections;

/// <summary>The leak verdict, then one headline per finding with its evidence folded beneath it.</summary>
internal sealed class VerdictSection : IHtmlSection
{
    public string Id => "leak";
    public string Label => "Leak verdict";
    public bool Applies(RunDocument doc) => true;

    public void Write(StringBuilder html, RunDocument doc)
    {
        HtmlTable.Section(html, Id, "Leak verdict");
        html.Append("<p>").Append(Cell.Badge(doc.Leak.Verdict.ToJsonName(), SummarySection.VerdictClass(doc.Leak.Verdict)).Html).Append("</p>\n");
        if (doc.Leak.Findings.Count == 0)
            html.Append("<p class=\"lead\">No findings were reported.</p>\n");
        foreach (var f in doc.Leak.Findings.OrderByDescending(f => f.IsLeak)) Finding(html, f, doc);
        Notes(html, doc.Leak.Notes);
    }

    /// <summary>The headline in the summary line; the evidence behind it folds out (a details block, no script).</summary>
    private static void Finding(StringBuilder html, LeakFinding f, RunDocument doc)
    {
        var badge = FindingHeadline.VerdictOf(f) switch
        {
            LeakVerdict.Leak => Cell.Badge("leak", "bad"),
            LeakVerdict.Inconclusive => Cell.Badge("inconclusive", "warn"),
            _ => Cell.Badge("ok", "good"),
        };
        html.Append("<details class=\"finding\"><summary>").Append(badge.Html)
            .Append(" <span class=\"headline\">").Append(HtmlText.Encode(FindingHeadline.Of(f, doc))).Append("</span></summary>\n");
        HtmlTable.Write(html,
            ["Resource", "Scenario", "Steepest phase", "Slope", "Per request", "Test", "Statistic", "Confidence", "Growth", "Recovered"],
            [[
                Cell.Text(f.Resource.ToJsonName()), Cell.Text(f.Scenario ?? "–"), Cell.Text(f.Phase ?? "–"),
                Cell.Num(Units.Slope(f.Resource, f.Slope)),
                Cell.Num(f.SlopePerRequest is { } r ? (f.Resource.IsMemory() ? Units.Bytes(r) : Units.Number(r, "0.####")) : "–"),
                Cell.Text(f.Test), Cell.Num(Units.Number(f.Statistic)), Cell.Num(Units.Number(f.Confidence, "0.#####")),
                Cell.Num(f.GrowthTotal is { } g ? (f.Resource.IsMemory() ? Units.SignedMb(g) : Units.Signed(g)) : "–"),
                Cell.Text(f.Recovered switch { true => "yes", false => "no", null => "–" }),
            ]]);
        if (f.Summary.Length > 0) html.Append("<p class=\"evidence\">").Append(HtmlText.Encode(f.Summary)).Append("</p>\n");
        if (ByPhase(f.Resource, doc) is { Length: > 0 } byPhase)
            html.Append("<p class=\"evidence\">By phase: ").Append(HtmlText.Encode(byPhase)).Append("</p>\n");
        html.Append("</details>\n");
    }

    /// <summary>The resource's change in each phase (once per phase, however many scenarios shared it): where it grew.</summary>
    internal static string ByPhase(LeakResource resource, RunDocument doc) => string.Join(", ",
        PhaseRows.Of(doc).Select(p => (p.Name, Delta: Delta(resource, p.Attribution)))
            .Where(p => p.Delta is not null)
            .Select(p => $"{p.Name} {(resource.IsMemory() ? Units.SignedMb(p.Delta) : Units.Signed(p.Delta))}"));

    private static double? Delta(LeakResource resource, PhaseAttribution? a) => a is null ? null : resource switch
    {
        LeakResource.Heap => a.RetainedDeltaBytes ?? a.HeapDeltaBytes,
        LeakResource.Rss => a.RssDeltaBytes,
        LeakResource.Threads => a.ThreadsDelta,
        LeakResource.Timers => a.TimersDelta,
        LeakResource.Fds => a.FdsDelta,
        LeakResource.Goroutines => a.GoroutinesDelta,
        LeakResource.ThreadPoolThreads => a.ThreadPoolThreadsDelta,
        _ => null,
    };

    public static void Notes(StringBuilder html, IReadOnlyList<string> notes)
    {
        if (notes.Count == 0) return;
        html.Append("<ul class=\"notes\">");
        foreach (var n in notes) html.Append("<li>").Append(HtmlText.Encode(n)).Append("</li>");
        html.Append("</ul>\n");
    }
}
