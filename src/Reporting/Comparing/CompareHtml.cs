using System.Text;
using LoadLeak.Reporting.Html;
using LoadLeak.Results;

namespace LoadLeak.Reporting.Comparing;

/// <summary>compare.html: one self-contained page, one section per candidate, then the side-by-side table.</summary>
internal static class CompareHtml
{
    public static string Render(CompareDocument doc)
    {
        var html = new StringBuilder();
        HtmlPage.Open(html, "LoadLeak comparison: " + string.Join(" vs ", doc.Candidates.Select(c => c.Name)));
        html.Append("<main>\n<h1>Comparison: ").Append(HtmlText.Encode(string.Join(" vs ", doc.Candidates.Select(c => c.Name)))).Append("</h1>\n");
        html.Append("<p class=\"lead\">").Append(HtmlText.Encode(
            $"Same config ({doc.ConfigPath}), same load, {doc.Repeat} run(s) per candidate, interleaved; baseline: {doc.Baseline}."))
                .Append("</p>\n");
        foreach (var note in doc.Notes) html.Append("<p class=\"note\">").Append(HtmlText.Encode(note)).Append("</p>\n");

        HtmlTable.Section(html, "side-by-side", "Side by side", "Mean over the repeats; ± is the run-to-run standard deviation.");
        var headers = new List<string> { "metric", "unit", "better" };
        headers.AddRange(doc.Candidates.Select(c => c.Name));
        HtmlTable.Write(html, headers, Metrics(doc).Select(metric =>
        {
            var first = doc.Comparisons.FirstOrDefault(c => c.Metric == metric);
            var cells = new List<Cell> { Cell.Text(metric), Cell.Text(first?.Unit ?? ""), Cell.Text(first?.Better.ToJsonName() ?? "") };
            cells.AddRange(doc.Candidates.Select(c => c.Metrics.TryGetValue(metric, out var v)
                ? Cell.Num(CompareWriter.Format(v.Mean) + (v.StdDev is { } sd ? " ± " + CompareWriter.Format(sd) : ""))
                : Cell.Num("–")));
            return cells.ToArray();
        }));

        HtmlTable.Section(html, "differences", "Differences to the baseline", ComparisonText.Method);
        var baseline = doc.Candidates.FirstOrDefault(c => c.Name == doc.Baseline);
        HtmlTable.Write(html, ["candidate", "metric", "unit", doc.Baseline + " (baseline)", "candidate", "difference [95 % CI]", "verdict"],
            ComparisonText.Of(doc).Select(x => new[]
            {
                Cell.Text(x.Candidate.Name), Cell.Text(x.Comparison.Metric), Cell.Text(x.Comparison.Unit),
                Cell.Num(baseline is null ? "–" : ComparisonText.Value(baseline, x.Comparison.Metric)),
                Cell.Num(ComparisonText.Value(x.Candidate, x.Comparison.Metric)),
                Cell.Num(ComparisonText.Difference(x.Comparison)),
                x.Comparison.Outcome switch
                {
                    ComparisonOutcome.Better => Cell.Badge(ComparisonText.Verdict(x.Comparison), "good"),
                    ComparisonOutcome.Worse => Cell.Badge(ComparisonText.Verdict(x.Comparison), "warn"),
                    _ => Cell.Text(ComparisonText.Verdict(x.Comparison)),
                },
            }));

        foreach (var candidate in doc.Candidates)
        {
            HtmlTable.Section(html, "candidate-" + candidate.Name, "Candidate " + candidate.Name);
            html.Append("<p><code>").Append(HtmlText.Encode(candidate.Command)).Append("</code></p>\n");
            HtmlTable.Write(html, ["run", "status", "leak verdict", "report"], candidate.Runs.Select((run, i) => new[]
            {
                Cell.Text(run),
                Cell.Text(i < candidate.Statuses.Count ? candidate.Statuses[i].ToJsonName() : ""),
                i < candidate.LeakVerdicts.Count && candidate.LeakVerdicts[i] == LeakVerdict.Leak
                    ? Cell.Badge("leak", "bad") : Cell.Text(i < candidate.LeakVerdicts.Count ? candidate.LeakVerdicts[i].ToJsonName() : ""),
                new Cell($"<a href=\"{HtmlText.Encode(run)}/report.html\">report.html</a>"),
            }));
        }
        HtmlPage.Close(html, $"LoadLeak comparison, started {doc.StartedAt:u}");
        return html.ToString();
    }

    internal static IEnumerable<string> Metrics(CompareDocument doc) =>
        doc.Candidates.SelectMany(c => c.Metrics.Keys).Distinct();
}
