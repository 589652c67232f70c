using System.Text;
using LoadLeak.Reporting.Formatting;
using LoadLeak.Results;

namespace LoadLeak.Reporting.Html.Sections;

/// <summary>The load phases, and what each one did to the target (attribution) and cost per request.</summary>
internal sealed class PhaseSection : IHtmlSection
{
    public string Id => "phases";
    public string Label => "Phases";
    public bool Applies(RunDocument doc) => doc.Phases.Count > 0 || doc.Attribution.Count > 0 || doc.BytesPerRequest.Count > 0;

    public void Write(StringBuilder html, RunDocument doc)
    {
        HtmlTable.Section(html, Id, "Phases");
        if (doc.Phases.Count > 0)
            HtmlTable.Write(html, ["Phase", "Scenario", "Kind", "Start (s)", "End (s)", "Duration", "Simulation", "Copies", "Rate (req/s)"],
                doc.Phases.OrderBy(p => p.Start).Select(p => new[]
                {
                    Cell.Text(p.Name), Cell.Text(p.Scenario), Cell.Text(p.Kind.ToJsonName()), Cell.Num(Units.Number(p.Start, "0.#")),
                    Cell.Num(Units.Number(p.End, "0.#")), Cell.Num(Units.Duration(p.End - p.Start)), Cell.Code(p.Simulation),
                    Cell.Num(p.Copies?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–"), Cell.Num(Units.Number(p.Rate, "0.##")),
                }));

        if (doc.Attribution.Count > 0)
        {
            html.Append("<h3>Per-phase attribution</h3>\n<p class=\"lead\">Change in the target over each phase, beside the work done in it. " +
                "Retained Δ is measured after a forced full GC.</p>\n");
            HtmlTable.Write(html, ["Phase", "Scenario", "Window (s)", "Requests", "Heap Δ", "Retained Δ", "RSS Δ", "Threads Δ", "Timers Δ",
                "FDs Δ", "Alloc rate", "GC pause"],
                doc.Attribution.OrderBy(a => a.Start).Select(a => new[]
                {
                    Cell.Text(a.Phase), Cell.Text(a.Scenario), Cell.Num($"{Units.Number(a.Start, "0")}–{Units.Number(a.End, "0")}"),
                    Cell.Num(Units.Count(a.Requests)), Cell.Num(Units.SignedMb(a.HeapDeltaBytes)), Cell.Num(Units.SignedMb(a.RetainedDeltaBytes)),
                    Cell.Num(Units.SignedMb(a.RssDeltaBytes)), Cell.Num(Units.Signed(a.ThreadsDelta)), Cell.Num(Units.Signed(a.TimersDelta)),
                    Cell.Num(Units.Signed(a.FdsDelta)),
                    Cell.Num(a.AllocRateBytesPerSec is { } r ? Units.Mb(r) + "/s" : "–"), Cell.Num(Units.Percent(a.GcPauseShare)),
                }));
        }

        if (doc.BytesPerRequest.Count > 0)
        {
            html.Append("<h3>Retained bytes per request</h3>\n<p class=\"lead\">Slope of the regression of retained heap on requests served: what " +
                "each request leaves behind.</p>\n");
            HtmlTable.Write(html, ["Scenario", "Bytes / request", "R²", "Points"],
                doc.BytesPerRequest.Select(r => new[]
                    { Cell.Text(r.Scenario), Cell.Num(Units.Bytes(r.BytesPerRequest)), Cell.Num(Units.Number(r.RSquared, "0.000")),
                        Cell.Num(Units.Count(r.Points)) }));
        }
    }
}
