using System.Text;
using LoadLeak.Reporting.Markdown;
using LoadLeak.Results;

namespace LoadLeak.Reporting.Comparing;

/// <summary>compare.md: per candidate, each metric with its unit, both means ± spread, the difference and the verdict.</summary>
internal static class CompareMarkdown
{
    public static string Render(CompareDocument doc)
    {
        var md = new StringBuilder();
        md.AppendLine($"## LoadLeak comparison: {MarkdownText.Escape(string.Join(" vs ", doc.Candidates.Select(c => c.Name)))}");
        md.AppendLine();
        md.AppendLine($"{doc.Repeat} run(s) per candidate, interleaved; baseline **{MarkdownText.Escape(doc.Baseline)}**.");
        foreach (var note in doc.Notes) md.AppendLine().AppendLine($"> {MarkdownText.Escape(note)}");
        md.AppendLine();
        var baseline = doc.Candidates.FirstOrDefault(c => c.Name == doc.Baseline);
        foreach (var group in ComparisonText.Of(doc).GroupBy(x => x.Candidate.Name))
        {
            md.AppendLine($"### {MarkdownText.Escape(group.Key)} vs {MarkdownText.Escape(doc.Baseline)}").AppendLine();
            md.AppendLine(MarkdownText.Row("metric", "unit", MarkdownText.Escape(doc.Baseline), MarkdownText.Escape(group.Key),
                "difference [95 % CI]", "verdict"));
            md.AppendLine(MarkdownText.Separator("llrrrl"));
            foreach (var (candidate, c) in group)
                md.AppendLine(MarkdownText.Row(MarkdownText.Escape(c.Metric), MarkdownText.Escape(c.Unit),
                    baseline is null ? "–" : ComparisonText.Value(baseline, c.Metric), ComparisonText.Value(candidate, c.Metric),
                    ComparisonText.Difference(c), Icon(c.Outcome) + ComparisonText.Verdict(c)));
            md.AppendLine();
        }
        md.AppendLine(ComparisonText.Method).AppendLine();
        foreach (var c in doc.Candidates)
            md.AppendLine($"- **{MarkdownText.Escape(c.Name)}**: leak verdicts {string.Join(", ", c.LeakVerdicts.Select(v => v.ToJsonName()))}");
        return md.ToString();
    }

    private static string Icon(ComparisonOutcome? outcome) => outcome switch
    {
        ComparisonOutcome.Better => "✅ ",
        ComparisonOutcome.Worse => "⚠️ ",
        _ => "",
    };
}
