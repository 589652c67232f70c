using System.Globalization;
using System.Text;
using LoadLeak.Reporting.Formatting;
using LoadLeak.Results;

namespace LoadLeak.Reporting.Html.Sections;

/// <summary>Events, notes and how the run was made: enough to reproduce it.</summary>
internal sealed class RunInfoSection : IHtmlSection
{
    public string Id => "run";
    public string Label => "Run";
    public bool Applies(RunDocument doc) => true;

    public void Write(StringBuilder html, RunDocument doc)
    {
        HtmlTable.Section(html, Id, "Run");
        if (doc.Events.Count > 0)
        {
            html.Append("<h3>Events</h3>\n");
            HtmlTable.Write(html, ["At (s)", "Kind", "Message"],
                doc.Events.OrderBy(e => e.T).Select(e => new[]
                {
                    Cell.Num(Units.Number(e.T, "0.0")), Cell.Badge(e.Kind.ToJsonName(), "warn"), Cell.Text(e.Message),
                }));
        }
        if (doc.Notes.Count > 0)
        {
            html.Append("<h3>Notes</h3>\n");
            VerdictSection.Notes(html, doc.Notes);
        }
        var m = doc.Meta;
        var rows = new List<(string, string?)>
        {
            ("Run id", doc.RunId),
            ("Started", doc.StartedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'zzz", CultureInfo.InvariantCulture)),
            ("Duration", Units.Duration(doc.DurationSeconds)),
            ("Test", string.Join(" / ", new[] { m.TestSuite, m.TestName }.Where(x => !string.IsNullOrEmpty(x)))),
            ("Config", m.ConfigPath ?? "none (code scenarios)"), ("Target command", m.TargetCommand),
            ("Target pid", m.TargetPid?.ToString(CultureInfo.InvariantCulture)), ("Target URL", m.TargetUrl),
            ("Machine", $"{m.Machine} ({m.ProcessorCount} CPUs), {m.Os}"), ("Runtime", m.Runtime),
            ("LoadLeak", m.ToolVersion), ("Duration scale", m.DurationScale.ToString("0.###", CultureInfo.InvariantCulture)),
            ("Command line", m.CommandLine), ("Schema version", doc.SchemaVersion.ToString(CultureInfo.InvariantCulture)),
            ("Target startup", m.StartupSeconds is { } startup ? Units.Seconds(startup) + " to ready" : null),
            ("LoadLeak's own memory", RunnerMemory(doc.RunnerMemory)),
        };
        html.Append("<h3>Metadata</h3>\n<dl class=\"meta\">");
        foreach (var (k, v) in rows.Where(r => !string.IsNullOrWhiteSpace(r.Item2)))
            html.Append("<dt>").Append(HtmlText.Encode(k)).Append("</dt><dd>").Append(HtmlText.Encode(v)).Append("</dd>");
        html.Append("</dl>\n");
    }

    // The load generator must not grow on long runs: first reading after a minute vs the last.
    private static string? RunnerMemory(IReadOnlyList<RunnerMemoryPoint> points)
    {
        if (points.Count < 2) return null;
        var first = points.FirstOrDefault(p => p.T >= 60) ?? points[0];
        var last = points[^1];
        return $"working set {Units.Mb(first.WorkingSetBytes)} at {Units.Seconds(first.T)} → {Units.Mb(last.WorkingSetBytes)} at " +
            $"{Units.Seconds(last.T)}; " +
               $"GC heap {Units.Mb(first.GcHeapBytes)} → {Units.Mb(last.GcHeapBytes)}" +
               (first.PostGcHeapBytes is { } a && last.PostGcHeapBytes is { } b ? $"; after GC {Units.Mb(a)} → {Units.Mb(b)}" : "");
    }
}
