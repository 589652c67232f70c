using System.Text;
using LoadLeak.Reporting.Formatting;
using LoadLeak.Results;

namespace LoadLeak.Reporting.Html.Sections;

/// <summary>The leak verdict with its evidence: resource, where, slope, test statistic, confidence, recovery.</summary>
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
        else
            HtmlTable.Write(html,
                ["", "Resource", "Scenario", "Phase", "Slope", "Per request", "Test", "Statistic", "Confidence", "Growth", "Recovered", "Summary"],
                doc.Leak.Findings.OrderByDescending(f => f.IsLeak).Select(f => new[]
                {
                    f.IsLeak ? Cell.Badge("leak", "bad") : Cell.Badge("ok", "good"),
                    Cell.Text(f.Resource.ToJsonName()), Cell.Text(f.Scenario ?? "–"), Cell.Text(f.Phase ?? "–"),
                    Cell.Num(Units.Slope(f.Resource, f.Slope)),
                    Cell.Num(f.SlopePerRequest is { } r ? (f.Resource.IsMemory() ? Units.Bytes(r) : Units.Number(r, "0.####")) : "–"),
                    Cell.Text(f.Test), Cell.Num(Units.Number(f.Statistic)), Cell.Num(Units.Percent(f.Confidence)),
                    Cell.Num(f.GrowthTotal is { } g ? (f.Resource.IsMemory() ? Units.SignedMb(g) : Units.Signed(g)) : "–"),
                    Cell.Text(f.Recovered switch { true => "yes", false => "no", null => "–" }),
                    Cell.Text(f.Summary),
                }));
        Notes(html, doc.Leak.Notes);
    }

    public static void Notes(StringBuilder html, IReadOnlyList<string> notes)
    {
        if (notes.Count == 0) return;
        html.Append("<ul class=\"notes\">");
        foreach (var n in notes) html.Append("<li>").Append(HtmlText.Encode(n)).Append("</li>");
        html.Append("</ul>\n");
    }
}
