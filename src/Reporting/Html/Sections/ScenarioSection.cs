using System.Text;
using LoadLeak.Reporting.Formatting;
using LoadLeak.Results;

namespace LoadLeak.Reporting.Html.Sections;

/// <summary>Per-scenario totals, latency (corrected for coordinated omission and not), and errors.</summary>
internal sealed class ScenarioSection : IHtmlSection
{
    public string Id => "scenarios";
    public string Label => "Scenarios";
    public bool Applies(RunDocument doc) => doc.Scenarios.Count > 0;

    public void Write(StringBuilder html, RunDocument doc)
    {
        HtmlTable.Section(html, Id, "Scenarios");
        HtmlTable.Write(html, ["Scenario", "Protocol", "OK", "Fail", "Fail %", "RPS", "Late", "Dropped", "Received", "Status codes"],
            doc.Scenarios.Select(s => new[]
            {
                Cell.Text(s.Name), Cell.Text(s.Protocol ?? "–"), Cell.Num(Units.Count(s.Ok)), Cell.Num(Units.Count(s.Fail)),
                Cell.Num(Units.Percent((double)s.Fail / Math.Max(1, s.Ok + s.Fail))), Cell.Num(Units.Rps(s.Rps)),
                Cell.Num(Units.Count(s.Late)), Cell.Num(Units.Count(s.Dropped)), Cell.Num(Units.Bytes(s.BytesReceived)),
                Cell.Text(string.Join(", ", s.StatusCodes.OrderByDescending(c => c.Value).Select(c => $"{c.Key}: {Units.Count(c.Value)}"))),
            }));

        Clients(html, doc);

        html.Append("<h3>Latency (ms)</h3>\n<p class=\"lead\">Corrected: measured from the intended start time (coordinated omission removed). Uncorrected: from the actual send.</p>\n");
        HtmlTable.Write(html, ["Scenario", "Measure", "p50", "p75", "p90", "p95", "p99", "p99.9", "Max", "Mean", "StdDev"],
            doc.Scenarios.SelectMany(s => new[]
            {
                LatencyRow(s.Name, "corrected", s.Latency, s.Ok),
                LatencyRow(s.Name, "uncorrected", s.LatencyUncorrected, s.Ok),
            }));

        var errors = doc.Scenarios.SelectMany(s => s.Errors.Select(e => (Scenario: s.Name, Error: e))).OrderByDescending(x => x.Error.Count).ToList();
        if (errors.Count == 0) return;
        html.Append("<h3>Errors</h3>\n");
        HtmlTable.Write(html, ["Scenario", "Status", "Message", "Count"],
            errors.Select(x => new[] { Cell.Text(x.Scenario), Cell.Code(x.Error.StatusCode), Cell.Text(x.Error.Message),
                Cell.Num(Units.Count(x.Error.Count)) }));
    }

    /// <summary>Which client sent each scenario's requests and why: the figures above depend on it.</summary>
    private static void Clients(StringBuilder html, RunDocument doc)
    {
        var sent = doc.Scenarios.Where(s => s.Client is not null).ToList();
        if (sent.Count == 0) return;
        html.Append("<h3>Clients</h3>\n");
        HtmlTable.Write(html, ["Scenario", "Client", "Picked", "Why"], sent.Select(s => new[]
        {
            Cell.Text(s.Name), Cell.Code(s.Client), Cell.Text(s.ClientSelection?.ToJsonName() ?? "–"), Cell.Text(s.ClientReason ?? "–"),
        }));
    }

    /// <summary>Latency is measured on successful responses only: a scenario without any shows "–", not 0.</summary>
    private static Cell[] LatencyRow(string scenario, string measure, LatencySummary l, long ok)
    {
        Cell Ms(double value) => Cell.Num(Units.Ms(ok > 0 ? value : null));
        return
        [
            Cell.Text(scenario), Cell.Text(measure),
            Ms(l.P50), Ms(l.P75), Ms(l.P90), Ms(l.P95), Ms(l.P99), Ms(l.P999), Ms(l.Max), Ms(l.Mean), Ms(l.StdDev),
        ];
    }
}
