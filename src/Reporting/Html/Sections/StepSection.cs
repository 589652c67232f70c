using System.Text;
using LoadLeak.Reporting.Formatting;
using LoadLeak.Results;

namespace LoadLeak.Reporting.Html.Sections;

/// <summary>Per-step totals and latency of scenarios written in C# with Step.Run.</summary>
internal sealed class StepSection : IHtmlSection
{
    public string Id => "steps";
    public string Label => "Steps";
    public bool Applies(RunDocument doc) => doc.Scenarios.Any(s => s.Steps is { Count: > 0 });

    public void Write(StringBuilder html, RunDocument doc)
    {
        HtmlTable.Section(html, Id, "Steps", "Each Step.Run of a scenario, measured on its own: latency (ms) of successful steps.");
        HtmlTable.Write(html, ["Scenario", "Step", "OK", "Fail", "Fail %", "p50", "p75", "p95", "p99", "Max", "Mean"],
            doc.Scenarios.SelectMany(s => (s.Steps ?? []).Select(step => Row(s.Name, step))));
    }

    private static Cell[] Row(string scenario, StepStats step)
    {
        var l = step.Latency;
        Cell Ms(double value) => Cell.Num(Units.Ms(step.Ok > 0 ? value : null));
        return
        [
            Cell.Text(scenario), Cell.Text(step.Name), Cell.Num(Units.Count(step.Ok)), Cell.Num(Units.Count(step.Fail)),
            Cell.Num(Units.Percent((double)step.Fail / Math.Max(1, step.Ok + step.Fail))),
            Ms(l.P50), Ms(l.P75), Ms(l.P95), Ms(l.P99), Ms(l.Max), Ms(l.Mean),
        ];
    }
}
