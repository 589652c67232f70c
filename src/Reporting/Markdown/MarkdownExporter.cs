using System.Text;
using LoadLeak.Reporting.Formatting;
using LoadLeak.Results;
using static LoadLeak.Reporting.Markdown.MarkdownText;

namespace LoadLeak.Reporting.Markdown;

/// <summary>report.md: a compact summary sized for a PR comment or a GitHub step summary.</summary>
internal sealed class MarkdownExporter : Exporting.IExporter
{
    public const string FileName = "report.md";
    private const int MaxRows = 10;
    public string Name => "md";

    public IReadOnlyList<string> Export(RunDocument doc, string outDir)
    {
        var path = Path.GetFullPath(Path.Combine(outDir, FileName));
        File.WriteAllText(path, Render(doc));
        return [path];
    }

    public static string Render(RunDocument doc)
    {
        var md = new StringBuilder();
        var title = doc.Meta.TestName ?? doc.RunId;
        md.AppendLine($"## LoadLeak: {Escape(title)}").AppendLine();
        md.AppendLine($"**Status:** {StatusIcon(doc.Status)} {Escape(doc.Status.ToJsonName())} · " +
                      $"**Leak verdict:** {VerdictIcon(doc.Leak.Verdict)} {Escape(doc.Leak.Verdict.ToJsonName())} · " +
                      $"**Duration:** {Units.Duration(doc.DurationSeconds)} · **Run:** `{doc.RunId.Replace("`", "'")}`").AppendLine();
        Scenarios(md, doc);
        Agents(md, doc);
        Findings(md, doc);
        Thresholds(md, doc);
        GoroutineGrowers(md, doc);
        TopGrowers(md, doc);
        // A blank line between quotes, or GitHub joins them into one paragraph.
        foreach (var note in doc.Notes.Concat(doc.Leak.Notes).Take(MaxRows)) md.AppendLine($"> {Escape(note)}").AppendLine();
        return md.ToString();
    }

    private static void Scenarios(StringBuilder md, RunDocument doc)
    {
        if (doc.Scenarios.Count == 0) return;
        md.AppendLine(Row("Scenario", "OK", "Fail", "RPS", "p50 ms", "p99 ms", "p99 uncorr. ms", "Max ms"));
        md.AppendLine(Separator("lrrrrrrr"));
        foreach (var s in doc.Scenarios)
            md.AppendLine(Row(Escape(s.Name), Units.Count(s.Ok), Units.Count(s.Fail), Units.Rps(s.Rps),
                Latency(s, s.Latency.P50), Latency(s, s.Latency.P99), Latency(s, s.LatencyUncorrected.P99), Latency(s, s.Latency.Max)));
        md.AppendLine();
        Clients(md, doc);
    }

    /// <summary>Which client sent each scenario's requests and why: the figures above depend on it.</summary>
    private static void Clients(StringBuilder md, RunDocument doc)
    {
        var sent = doc.Scenarios.Where(s => s.Client is not null).ToList();
        if (sent.Count == 0) return;
        md.AppendLine(Row("Scenario", "Client", "Why"));
        md.AppendLine(Separator("lll"));
        foreach (var s in sent)
        {
            var why = s.ClientSelection is { } picked ? $"{picked.ToJsonName()}: {s.ClientReason}" : s.ClientReason ?? "";
            md.AppendLine(Row(Escape(s.Name), Escape(s.Client!), Escape(why)));
        }
        md.AppendLine();
    }

    /// <summary>A cluster run's agents: each one's share of the load, and whether it finished or was lost.</summary>
    private static void Agents(StringBuilder md, RunDocument doc)
    {
        if (doc.Agents is not { Count: > 0 } agents) return;
        md.AppendLine(Row("Agent", "Host", "OK", "Fail", "RPS", "Clock ± ms", "State"));
        md.AppendLine(Separator("llrrrrl"));
        foreach (var a in agents)
            md.AppendLine(Row("`" + a.Id.Replace("`", "'") + "`", Escape(a.Host), Units.Count(a.Scenarios.Sum(s => s.Ok)),
                Units.Count(a.Scenarios.Sum(s => s.Fail)), Units.Rps(a.Scenarios.Sum(s => s.Rps)),
                a.ClockErrorMs is { } e ? e.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "–",
                a.Lost ? "⚠️ lost" + (a.LostAt is { } t ? $" at {Units.Duration(t)}" : "") : "finished"));
        md.AppendLine();
    }

    /// <summary>Latency is measured on successful responses only: none, no figure ("–", not 0).</summary>
    private static string Latency(ScenarioStats s, double ms) => Units.Ms(s.Ok > 0 ? ms : null);

    /// <summary>The headline sentences (the same as report.html's), the evidence folded beneath them.</summary>
    private static void Findings(StringBuilder md, RunDocument doc)
    {
        if (doc.Leak.Findings.Count == 0) return;
        var findings = doc.Leak.Findings.OrderByDescending(f => f.IsLeak).Take(MaxRows).ToList();
        md.AppendLine("**Findings**").AppendLine();
        foreach (var f in findings) md.AppendLine($"- {Marker(FindingHeadline.VerdictOf(f))} {Escape(FindingHeadline.Of(f, doc))}");
        // GitHub renders Markdown inside <details> when blank lines surround it.
        md.AppendLine().AppendLine("<details><summary>Evidence</summary>").AppendLine();
        foreach (var f in findings)
        {
            var where = string.Join(" / ", new[] { f.Scenario, f.Phase }.Where(x => !string.IsNullOrEmpty(x)).Select(Escape));
            md.AppendLine($"- **{Escape(f.Resource.ToJsonName())}**{(where.Length > 0 ? $" ({where})" : "")}: " +
                          $"{Units.Slope(f.Resource, f.Slope)}, {Escape(f.Test)} confidence {Units.Number(f.Confidence, "0.#####")}" +
                          $"{(f.Summary.Length > 0 ? " — " + Escape(f.Summary) : "")}");
        }
        md.AppendLine().AppendLine("</details>").AppendLine();
    }

    private static void Thresholds(StringBuilder md, RunDocument doc)
    {
        if (doc.Thresholds.Count == 0) return;
        md.AppendLine(Row("Threshold", "Scenario", "Result"));
        md.AppendLine(Separator("lll"));
        foreach (var t in doc.Thresholds)
            md.AppendLine(Row(Escape(t.Description), Escape(t.Scenario),
                t.Passed ? "✅ passed" : "❌ failed" + (t.Error is { Length: > 0 } e ? ": " + Escape(e) : "")));
        md.AppendLine();
    }

    /// <summary>Go targets: the lines of the service's own code where goroutines piled up.</summary>
    private static void GoroutineGrowers(StringBuilder md, RunDocument doc)
    {
        if (doc.Heap?.GoroutineGrowers is not { Count: > 0 } growers) return;
        md.AppendLine(Row("Goroutines waiting at", "Where", "Δ count", "After cool-down"));
        md.AppendLine(Separator("llrl"));
        foreach (var g in growers.Take(MaxRows))
            md.AppendLine(Row("`" + g.Function.Replace("`", "'").Replace("|", "\\|") + "`", "`" + g.Location.Replace("`", "'") + "`",
                Units.Count(g.CountDelta), g.SurvivesCoolDown ? "held" : "released"));
        md.AppendLine();
    }

    private static void TopGrowers(StringBuilder md, RunDocument doc)
    {
        if (doc.Heap is not { TopGrowers.Count: > 0 } heap) return;
        // Judged by bytes (a regrown array stays one object): the bytes come first, the count beside them.
        md.AppendLine(Row("Top growing type", "Δ bytes", "Δ count", "After cool-down"));
        md.AppendLine(Separator("lrrl"));
        foreach (var g in heap.TopGrowers.Take(MaxRows))
            md.AppendLine(Row("`" + g.Type.Replace("`", "'").Replace("|", "\\|") + "`", Units.Bytes(g.BytesDelta), Units.Count(g.CountDelta),
                g.SurvivesCoolDown ? "held" : "released"));
        md.AppendLine();
    }

    private static string Marker(LeakVerdict verdict) => verdict switch
    {
        LeakVerdict.Leak => "🔴",
        LeakVerdict.Inconclusive => "🟡",
        _ => "⚪",
    };

    private static string StatusIcon(RunStatus status) => status == RunStatus.Complete ? "✅" : "⚠️";

    private static string VerdictIcon(LeakVerdict verdict) => verdict switch
    {
        LeakVerdict.Leak => "🔴",
        LeakVerdict.NoLeak => "🟢",
        _ => "🟡",
    };
}
