using System.Text.RegularExpressions;
using LoadLeak.Reporting.Formatting;
using LoadLeak.Reporting.Html;
using LoadLeak.Reporting.Html.Plots;
using LoadLeak.Results;
using LoadLeak.Tests.Shared;

namespace LoadLeak.Tests.Reporting;

public sealed class PhaseTablesTests
{
    [Fact]
    public void Phases_shared_by_scenarios_are_one_row_with_a_requests_column_per_scenario()
    {
        var doc = SyntheticRunDocument.Create(durationSeconds: 600, scenarioCount: 3);
        var distinct = doc.Phases.Select(p => p.Name).Distinct().Count();
        Assert.Equal(3 * distinct, doc.Phases.Count);

        var rows = PhaseRows.Of(doc);

        Assert.Equal(distinct, rows.Count);
        var step = rows.Single(r => r.Name == "step 100");
        Assert.Equal(doc.Scenarios.Select(s => s.Name), step.Requests.Keys);
        Assert.Equal(doc.Attribution.Where(a => a.Phase == "step 100").Select(a => a.Requests), step.Requests.Values);

        var html = HtmlExporter.Render(doc);
        var phases = Section(html, "phases");
        foreach (var s in doc.Scenarios) Assert.Contains($"<th class=\"num\">{s.Name} requests</th>", phases);
        // One <tr> per phase in the phases table and per load phase in the attribution table, plus the headers.
        var attributed = doc.Attribution.Select(a => a.Phase).Distinct().Count();
        Assert.Equal(distinct + attributed + 2 + doc.BytesPerRequest.Count + 1, Regex.Matches(phases, "<tr>").Count);
    }

    [Fact]
    public void Bands_of_concurrent_scenarios_never_overlap()
    {
        // Two scenarios share phases a few ms apart; a third has its own boundary inside "steady".
        PhaseRecord P(string name, string scenario, PhaseKind kind, double start, double end) => new(name, scenario, kind, start, end, "s", 1, null);
        var bands = PhaseBands.Of(
        [
            P("warm-up", "http", PhaseKind.WarmUp, 0, 10), P("steady", "http", PhaseKind.Load, 10, 60),
            P("cool-down", "http", PhaseKind.Pause, 60, 80),
            P("warm-up", "grpc", PhaseKind.WarmUp, 0.004, 10.003), P("steady", "grpc", PhaseKind.Load, 10.003, 60.002),
            P("cool-down", "grpc", PhaseKind.Pause, 60.002, 80.001),
            P("burst", "kafka", PhaseKind.Load, 30, 45),
        ]);

        for (var i = 1; i < bands.Count; i++) Assert.True(bands[i].Start >= bands[i - 1].End, $"{bands[i - 1]} overlaps {bands[i]}");
        Assert.Equal(["warm-up", "steady", "steady / burst", "steady", "cool-down"], bands.Select(b => b.Name));
        Assert.Equal([PhaseKind.WarmUp, PhaseKind.Load, PhaseKind.Load, PhaseKind.Load, PhaseKind.Pause], bands.Select(b => b.Kind));
    }

    private static string Section(string html, string id)
    {
        var start = html.IndexOf($"<h2 id=\"{id}\"", StringComparison.Ordinal);
        var end = html.IndexOf("<h2 ", start + 1, StringComparison.Ordinal);
        return html[start..(end < 0 ? html.Length : end)];
    }
}
