using System.Text;
using LoadLeak.Reporting.Formatting;
using LoadLeak.Results;

namespace LoadLeak.Reporting.Html.Sections;

/// <summary>The load phases, one row each with a requests column per scenario, what each did to the target, cost per request.</summary>
internal sealed class PhaseSection : IHtmlSection
{
    public string Id => "phases";
    public string Label => "Phases";
    public bool Applies(RunDocument doc) => doc.Phases.Count > 0 || doc.Attribution.Count > 0 || doc.BytesPerRequest.Count > 0;

    public void Write(StringBuilder html, RunDocument doc)
    {
        HtmlTable.Section(html, Id, "Phases");
        var rows = PhaseRows.Of(doc);
        var scenarios = PhaseRows.Scenarios(doc);
        if (doc.Phases.Count > 0)
            HtmlTable.Write(html,
                ["Phase", "Kind", "Start (s)", "End (s)", "Duration", "Simulation", "Copies", "Rate (req/s)",
                    .. scenarios.Select(s => s + " requests")],
                rows.Where(r => r.Records.Count > 0).Select(r => (Cell[])
                [
                    Cell.Text(r.Name), Cell.Text(r.Kind?.ToJsonName() ?? "–"), Cell.Num(Units.Number(r.Start, "0.#")),
                    Cell.Num(Units.Number(r.End, "0.#")), Cell.Num(Units.Duration(r.End - r.Start)),
                    Cell.Code(PerScenario(r, p => p.Simulation)),
                    Cell.Num(PerScenario(r, p => p.Copies?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–")),
                    Cell.Num(PerScenario(r, p => Units.Number(p.Rate, "0.##"))),
                    .. scenarios.Select(s => Cell.Num(r.Requests.TryGetValue(s, out var n) ? Units.Count(n)
                        : r.Records.Any(p => p.Scenario == s) ? "–" : "")),
                ]));

        if (doc.Attribution.Count > 0)
        {
            html.Append("<h3>Per-phase attribution</h3>\n<p class=\"lead\">Change in the target over each phase, beside the work done in it. " +
                "Retained Δ is measured between the forced full GCs at the phase's two boundaries (\"missing\" when one of them could " +
                "not be read). Threads Δ counts OS threads; pool threads Δ, the runtime's thread pool.</p>\n");
            HtmlTable.Write(html, ["Phase", "Window (s)", "Requests", "Heap Δ", "Retained Δ", "RSS Δ", "Threads Δ", "Pool threads Δ",
                "Timers Δ", "FDs Δ", "Alloc rate", "GC pause"],
                rows.Where(r => r.Attribution is not null).Select(r => (r, a: r.Attribution!)).Select(x => new[]
                {
                    Cell.Text(x.r.Name), Cell.Num($"{Units.Number(x.a.Start, "0")}–{Units.Number(x.a.End, "0")}"),
                    Cell.Num(Units.Count(x.r.Requests.Values.Sum())), Cell.Num(Units.SignedMb(x.a.HeapDeltaBytes)),
                    Cell.Num(x.a.RetainedReading == RetainedReading.Missing ? "missing" : Units.SignedMb(x.a.RetainedDeltaBytes)),
                    Cell.Num(Units.SignedMb(x.a.RssDeltaBytes)),
                    Cell.Num(Units.Signed(x.a.ThreadsDelta)), Cell.Num(Units.Signed(x.a.ThreadPoolThreadsDelta)),
                    Cell.Num(Units.Signed(x.a.TimersDelta)), Cell.Num(Units.Signed(x.a.FdsDelta)),
                    Cell.Num(x.a.AllocRateBytesPerSec is { } rate ? Units.Mb(rate) + "/s" : "–"), Cell.Num(Units.Percent(x.a.GcPauseShare)),
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

    /// <summary>One value when every scenario in the phase agrees, else "scenario: value" for each.</summary>
    private static string PerScenario(PhaseRow row, Func<PhaseRecord, string> value) =>
        row.Records.Select(value).Distinct().Count() <= 1
            ? row.Records.Select(value).FirstOrDefault() ?? "–"
            : string.Join("; ", row.Records.Select(p => $"{p.Scenario}: {value(p)}"));
}
