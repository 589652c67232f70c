using System.Text;
using LoadLeak.Reporting.Formatting;
using LoadLeak.Reporting.Html.Plots;
using LoadLeak.Results;

namespace LoadLeak.Reporting.Html.Sections;

internal sealed class CapacitySection : IHtmlSection
{
    public string Id => "capacity";
    public string Label => "Capacity";
    public bool Applies(RunDocument doc) => doc.Capacity is not null;

    public void Write(StringBuilder html, RunDocument doc)
    {
        HtmlTable.Section(html, Id, "Capacity (Universal Scalability Law)",
            "X(N) = λN / (1 + σ(N−1) + κN(N−1)): σ is contention, κ coherency (crosstalk), λ the throughput of one copy. " +
            "Each point is one hold step of the ramp.");
        var fits = doc.CapacityScenarios.Count > 0 ? doc.CapacityScenarios : [doc.Capacity!];
        foreach (var fit in fits) WriteFit(html, fit);
    }

    private static void WriteFit(StringBuilder html, CapacityResult c)
    {
        if (c.Scenario is not null) html.Append("<h3>").Append(HtmlText.Encode(c.Scenario)).Append("</h3>\n");
        HtmlTable.Write(html, ["σ (contention)", "κ (coherency)", "λ (req/s per copy)", "R²", "Peak N", "Peak X (req/s)", "SLO p99", "Knee N"],
            [[
                Cell.Num(Units.Number(c.Sigma, "0.#####")), Cell.Num(Units.Number(c.Kappa, "0.#######")), Cell.Num(Units.Number(c.Lambda, "0.##")),
                Cell.Num(Units.Number(c.RSquared, "0.000")), Cell.Num(Units.Number(c.PeakConcurrency, "0.#")), Cell.Num(Units.Rps(c.PeakThroughput)),
                Cell.Num(c.SloP99Ms is { } slo ? Units.Ms(slo) + " ms" : "–"), Cell.Num(Units.Number(c.KneeConcurrency, "0.#")),
            ]]);
        if (CapacityPlot.Render(c) is { } plot) PlotFigure.Write(html, plot);
        if (c.Points.Count > 0)
            HtmlTable.Write(html, ["Scenario", "Concurrency", "Throughput (req/s)", "p99 (ms)"],
                c.Points.OrderBy(p => p.Scenario).ThenBy(p => p.Concurrency).Select(p => new[]
                    { Cell.Text(p.Scenario), Cell.Num(Units.Number(p.Concurrency, "0.#")), Cell.Num(Units.Rps(p.Throughput)),
                        Cell.Num(Units.Ms(p.P99Ms)) }));
    }
}
