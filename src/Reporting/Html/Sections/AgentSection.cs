using System.Globalization;
using System.Text;
using LoadLeak.Reporting.Html.Plots;
using LoadLeak.Results;

namespace LoadLeak.Reporting.Html.Sections;

/// <summary>
/// A cluster run's load agents: what each ran, its clock offset and error, how late its load began, whether it was lost,
/// and each agent's throughput over the run (an agent that falls behind or stops shows there first).
/// </summary>
internal sealed class AgentSection : IHtmlSection
{
    public string Id => "agents";
    public string Label => "Agents";
    public bool Applies(RunDocument doc) => doc.Agents is { Count: > 0 };

    public void Write(StringBuilder html, RunDocument doc)
    {
        HtmlTable.Section(html, Id, "Cluster agents",
            "Each agent's share of the load (measured part). Clock offset to the coordinator from the best request/reply round trip; " +
            "its error bound is half that round trip. Start late: how long after the cluster's second 0 the agent's load began.");
        var rows = doc.Agents!.SelectMany(agent => agent.Scenarios.DefaultIfEmpty(new AgentScenarioRecord("", 0, 0, 0)).Select(s => new[]
        {
            Cell.Code(agent.Id), Cell.Text(agent.Group.Length == 0 ? "—" : agent.Group), Cell.Text(agent.Host), Cell.Text(s.Name),
            Cell.Num(s.Ok.ToString("N0", CultureInfo.InvariantCulture)), Cell.Num(s.Fail.ToString("N0", CultureInfo.InvariantCulture)),
            Cell.Num(s.Rps.ToString("0.0", CultureInfo.InvariantCulture)), Cell.Num(Ms(agent.ClockOffsetMs, "+0.000;-0.000;0.000")),
            Cell.Num(Ms(agent.ClockErrorMs, "0.000")), Cell.Num(Ms(agent.LoadStartLateMs, "0.0")),
            agent.Lost
                ? Cell.Badge(agent.LostAt is { } t ? $"lost at {t.ToString("0.0", CultureInfo.InvariantCulture)} s" : "lost", "bad")
                : Cell.Badge("finished", "good"),
        }));
        HtmlTable.Write(html,
            ["Agent", "Group", "Host", "Scenario", "OK", "Fail", "RPS", "Clock offset ms", "± ms", "Start late ms", "State"], rows);
        if (Throughput(doc) is { } plot) PlotFigure.Write(html, plot);
    }

    private static RenderedPlot? Throughput(RunDocument doc)
    {
        var plot = new TimelinePlot(TimeAxis.From(doc), "Requests / s");
        foreach (var (agent, index) in doc.Agents!.Select((a, i) => (a, i)))
        {
            if (agent.Intervals is not { Count: > 0 } intervals) continue;
            plot.Line(agent.Id + " requests/s", intervals.Select(i => i.T).ToList(), intervals.Select(i => (double?)i.Rps).ToList(),
                Palette.ForIndex(index));
        }
        return plot.Render("Throughput per agent", "plot-agents-");
    }

    private static string Ms(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";
}
