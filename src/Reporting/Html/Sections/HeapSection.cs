using System.Text;
using LoadLeak.Reporting.Formatting;
using LoadLeak.Results;

namespace LoadLeak.Reporting.Html.Sections;

/// <summary>Heap forensics from the dumps: which types grew, what keeps them alive, what never completed.</summary>
internal sealed class HeapSection : IHtmlSection
{
    public string Id => "heap";
    public string Label => "Heap diff";
    public bool Applies(RunDocument doc) => doc.Heap is not null;

    public void Write(StringBuilder html, RunDocument doc)
    {
        var heap = doc.Heap!;
        HtmlTable.Section(html, Id, "Heap diff");
        if (heap.Snapshots.Count > 0)
        {
            html.Append("<h3>Snapshots</h3>\n");
            HtmlTable.Write(html, ["Label", "At (s)", "Heap", "Objects", "Target paused", "Pause budget", "WriteDump call", "Analysis"],
                heap.Snapshots.Select(s => new[]
                {
                    Cell.Text(s.Label), Cell.Num(Units.Number(s.T, "0.#")), Cell.Num(Units.Mb(s.HeapBytes)), Cell.Num(Units.Count(s.Objects)),
                    Cell.Num(Units.Ms(s.PauseMs) + (s.PauseMeasured ? " ms" : " ms (upper bound)")), BudgetCell(s),
                    Cell.Num(s.WriteDumpMs is { } call ? Units.Ms(call) + " ms" : "–"), Cell.Num(Units.Ms(s.AnalysisMs) + " ms"),
                }));
            html.Append("<p class=\"note\">Target paused: how long its threads were stopped while the dump was written (from their /proc states); "
                + "the WriteDump call adds the request and createdump's start-up, during which the target runs. "
                + "Pause budget: 1.5 s per 200 MB of heap.</p>\n");
        }
        if (heap.GoroutineGrowers is { Count: > 0 } goroutines)
        {
            html.Append("<h3>Goroutines that grew</h3>\n");
            HtmlTable.Write(html, ["Waiting at", "Where", "Δ count", "Δ at peak", "After cool-down", ""],
                goroutines.Select(g => new[]
                {
                    Cell.Code(g.Function), Cell.Code(g.Location), Cell.Num(Units.Count(g.CountDelta)), Cell.Num(Units.Count(g.PeakCountDelta)),
                    Cell.Num(Units.Count(g.CountAfterCoolDown)), g.SurvivesCoolDown ? Cell.Badge("held", "bad") : Cell.Badge("released", "good"),
                }));
        }
        if (heap.TopGrowers.Count > 0)
        {
            var goSites = heap.TopGrowers.Any(g => g.Kind == GrowerKind.GoAllocSite);
            html.Append(goSites ? "<h3>Top growing allocation sites</h3>\n" : "<h3>Top growing types</h3>\n");
            HtmlTable.Write(html, ["Type", "Δ bytes", "Δ count", "Count after cool-down", "After cool-down"],
                heap.TopGrowers.Select(g => new[]
                {
                    Cell.Code(g.Location is null ? g.Type : $"{g.Type} {g.Location}"), Cell.Num(Units.Bytes(g.BytesDelta)),
                    Cell.Num(Units.Count(g.CountDelta)),
                    Cell.Num(Units.Count(g.CountAfterCoolDown)), g.SurvivesCoolDown ? Cell.Badge("held", "bad") : Cell.Badge("released", "good"),
                }));
            html.Append("<p class=\"note\">Δ from the baseline snapshot to the one after the cool-down. Held: at least half of the bytes "
                + "the type gained under load were still there, judged by bytes, not by count (a regrown array stays one object).</p>\n");
        }
        if (heap.RetentionPaths.Count > 0)
        {
            html.Append("<h3>Retention paths</h3>\n");
            HtmlTable.Write(html, ["Type", "Root", "Path (root → object)", "Objects"],
                heap.RetentionPaths.Select(p => new[]
                    { Cell.Code(p.Type), Cell.Text(p.Root), Cell.Code(string.Join(" → ", p.Path)), Cell.Num(Units.Count(p.Count)) }));
        }
        if (heap.PendingTasks.Count > 0)
        {
            html.Append("<h3>Pending tasks</h3>\n<p class=\"lead\">Async state machines still alive in the last snapshot, by method: awaits that " +
                "never completed.</p>\n");
            HtmlTable.Write(html, ["Method", "Count"],
                heap.PendingTasks.OrderByDescending(t => t.Count).Select(t => new[] { Cell.Code(t.Method), Cell.Num(Units.Count(t.Count)) }));
        }
        foreach (var note in heap.Notes)
            html.Append("<p class=\"note\">").Append(HtmlText.Encode(note)).Append("</p>\n");
    }

    /// <summary>The snapshot's own budget beside its pause; "–" in files written before it was recorded.</summary>
    private static Cell BudgetCell(SnapshotInfo s) => s.PauseBudgetMs is not { } budget ? Cell.Num("–")
        : s.PauseMs > budget ? new Cell($"{HtmlText.Encode(Units.Ms(budget) + " ms")} <span class=\"badge bad\">over</span>", "num")
        : Cell.Num(Units.Ms(budget) + " ms");
}
