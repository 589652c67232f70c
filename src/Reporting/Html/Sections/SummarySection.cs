using System.Globalization;
using System.Text;
using LoadLeak.Reporting.Formatting;
using LoadLeak.Results;

namespace LoadLeak.Reporting.Html.Sections;

/// <summary>The answer first: status (a partial run must be impossible to miss), verdict, headline numbers.</summary>
internal sealed class SummarySection : IHtmlSection
{
    public string Id => "summary";
    public string Label => "Summary";
    public bool Applies(RunDocument doc) => true;

    public void Write(StringBuilder html, RunDocument doc)
    {
        HtmlTable.Section(html, Id, "Summary");
        html.Append("<p><span class=\"status ").Append(StatusClass(doc.Status)).Append("\">Run ")
            .Append(HtmlText.Encode(doc.Status.ToJsonName())).Append("</span> &nbsp; ")
            .Append("<span class=\"badge verdict ").Append(VerdictClass(doc.Leak.Verdict)).Append("\">Leak verdict: ")
            .Append(HtmlText.Encode(doc.Leak.Verdict.ToJsonName())).Append("</span>");
        if (doc.ExitCode is { } code) html.Append(" &nbsp; <span class=\"badge info\">exit code ").Append(code).Append("</span>");
        html.Append("</p>\n");
        if (doc.Status != RunStatus.Complete)
            html.Append("<div class=\"banner ").Append(doc.Status is RunStatus.Partial or RunStatus.Interrupted ? "warn" : "bad")
                .Append("\"><strong>This run is ").Append(HtmlText.Encode(doc.Status.ToJsonName()))
                .Append(".</strong> Figures cover only what was measured before it stopped; see Events and Notes.</div>\n");

        var ok = doc.Scenarios.Sum(s => s.Ok);
        var fail = doc.Scenarios.Sum(s => s.Fail);
        var cards = new List<(string, string)>
        {
            ("Duration", Units.Duration(doc.DurationSeconds)),
            ("Requests", Units.Count(ok + fail)),
            ("Failed", fail == 0 ? "0" : $"{Units.Count(fail)} ({Units.Percent((double)fail / Math.Max(1, ok + fail))})"),
            ("Throughput", Units.Rps(doc.Scenarios.Sum(s => s.Rps)) + " req/s"),
            // Only scenarios with successful responses have a latency; none at all is "–", not 0.
            ("Worst p99", doc.Scenarios.Any(s => s.Ok > 0) ? Units.Ms(doc.Scenarios.Where(s => s.Ok > 0).Max(s => s.Latency.P99)) + " ms" : "–"),
            ("Leak findings", doc.Leak.Findings.Count(f => f.IsLeak).ToString(CultureInfo.InvariantCulture)),
        };
        if (doc.Thresholds.Count > 0)
            cards.Add(("Thresholds", $"{doc.Thresholds.Count(t => t.Passed)}/{doc.Thresholds.Count} passed"));
        html.Append("<div class=\"cards\">");
        foreach (var (k, v) in cards)
            html.Append("<div class=\"card\"><div class=\"k\">").Append(HtmlText.Encode(k)).Append("</div><div class=\"v\">")
                .Append(HtmlText.Encode(v)).Append("</div></div>");
        html.Append("</div>\n");
    }

    public static string StatusClass(RunStatus status) => status switch
    {
        RunStatus.Complete => "complete",
        RunStatus.Partial => "partial",
        RunStatus.Interrupted => "interrupted",
        RunStatus.TargetDied => "target-died",
        RunStatus.Guarded => "guarded",
        _ => "failed",
    };

    public static string VerdictClass(LeakVerdict verdict) => verdict switch
    {
        LeakVerdict.Leak => "bad",
        LeakVerdict.NoLeak => "good",
        _ => "warn",
    };
}
