using System.Text;
using LoadLeak.Reporting.Markdown;
using LoadLeak.Results;

namespace LoadLeak.Reporting.Comparing;

/// <summary>compare.md: the side-by-side table, short enough for a pull-request comment.</summary>
internal static class CompareMarkdown
{
    public static string Render(CompareDocument doc)
    {
        var md = new StringBuilder();
        md.AppendLine($"## LoadLeak comparison: {MarkdownText.Escape(string.Join(" vs ", doc.Candidates.Select(c => c.Name)))}");
        md.AppendLine();
        md.AppendLine($"{doc.Repeat} run(s) per candidate, interleaved; baseline **{MarkdownText.Escape(doc.Baseline)}**.");
        foreach (var note in doc.Notes) md.AppendLine($"> {MarkdownText.Escape(note)}");
        md.AppendLine();
        md.AppendLine(MarkdownText.Row(["metric", .. doc.Candidates.Select(c => MarkdownText.Escape(c.Name))]));
        md.AppendLine(MarkdownText.Separator("l" + new string('r', doc.Candidates.Count)));
        foreach (var metric in CompareHtml.Metrics(doc))
        {
            var cells = doc.Candidates.Select(c =>
            {
                if (!c.Metrics.TryGetValue(metric, out var v)) return "–";
                var diff = doc.Comparisons.FirstOrDefault(x => x.Candidate == c.Name && x.Metric == metric);
                var flag = diff?.Verdict == ComparisonVerdict.Significant ? " ⚠" : "";
                var suffix = diff is null ? "" : $" ({CompareWriter.Percent(diff.DiffPercent)}{flag})";
                return CompareWriter.Format(v.Mean) + suffix;
            });
            md.AppendLine(MarkdownText.Row([MarkdownText.Escape(metric), .. cells]));
        }
        md.AppendLine();
        foreach (var c in doc.Candidates)
            md.AppendLine($"- **{MarkdownText.Escape(c.Name)}**: leak verdicts {string.Join(", ", c.LeakVerdicts.Select(v => v.ToJsonName()))}");
        return md.ToString();
    }
}
