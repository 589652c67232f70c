using LoadLeak.Reporting.Markdown;
using LoadLeak.Results;
using LoadLeak.Tests.Shared;

namespace LoadLeak.Tests.Reporting;

public class MarkdownExporterTests
{
    [Fact]
    public void Names_cannot_inject_html_or_break_the_table()
    {
        var doc = SyntheticRunDocument.Create(durationSeconds: 120, firstScenarioName: "<script>alert(1)</script>|evil\nrow");
        var md = MarkdownExporter.Render(doc);

        Assert.DoesNotContain("<script", md);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;\\|evil row", md);
        // Every row of every table keeps the column count of its header.
        var tables = md.Split("\n\n").Select(block => block.Split('\n').Where(l => l.StartsWith('|')).ToList()).Where(t => t.Count > 0).ToList();
        Assert.Contains(tables, t => t.Any(r => r.Contains("alert")));
        Assert.All(tables, t => Assert.Single(t.Select(r => r.Replace("\\|", "").Count(c => c == '|')).Distinct()));
    }

    [Fact]
    public void Summary_has_status_verdict_scenarios_findings_thresholds_and_top_growers()
    {
        var md = MarkdownExporter.Render(SyntheticRunDocument.Create(durationSeconds: 120) with { Status = RunStatus.Partial });

        Assert.Contains("**Status:** ⚠️ partial", md);
        Assert.Contains("**Leak verdict:** 🔴 leak", md);
        Assert.Contains("| Scenario | OK | Fail | RPS |", md);
        Assert.Contains("**heap**", md);
        Assert.Contains("❌ failed", md);
        Assert.Contains("`TargetService.CacheEntry`", md);
        Assert.True(md.Length < 8_000, $"a PR comment should stay compact, was {md.Length} chars");
    }

    [Fact]
    public void Top_growers_lead_with_bytes_and_say_held_or_released()
    {
        var lines = MarkdownExporter.Render(SyntheticRunDocument.Create(durationSeconds: 120)).Split('\n');

        Assert.Contains("| Top growing type | Δ bytes | Δ count | After cool-down |", lines);
        Assert.EndsWith("| held |", Assert.Single(lines, l => l.StartsWith("| `TargetService.CacheEntry`", StringComparison.Ordinal)));
        Assert.EndsWith("| released |", Assert.Single(lines, l => l.StartsWith("| `System.Byte[]`", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("a|b", "a\\|b")]
    [InlineData("*bold* _it_", "\\*bold\\* \\_it\\_")]
    [InlineData("[link](http://x)", "\\[link\\](http://x)")]
    [InlineData("x & <y>", "x &amp; &lt;y&gt;")]
    public void Escape(string raw, string expected) => Assert.Equal(expected, MarkdownText.Escape(raw));

    [Fact]
    public void A_cluster_run_lists_its_agents_and_says_which_was_lost()
    {
        var agents = new[]
        {
            new AgentRecord("agent-a", "", "host-1", [new AgentScenarioRecord("http", 1200, 3, 100)], 0.5, 0.02, 1, false, null),
            new AgentRecord("agent-b", "", "host-2", [new AgentScenarioRecord("http", 600, 0, 50)], -0.4, 0.03, 2, true, 12.5),
        };
        var md = MarkdownExporter.Render(SyntheticRunDocument.Create(durationSeconds: 120) with { Agents = agents });

        Assert.Contains("| Agent | Host | OK | Fail | RPS | Clock ± ms | State |", md);
        Assert.Contains(md.Split('\n'), l => l.StartsWith("| `agent-a` | host-1 |", StringComparison.Ordinal) && l.EndsWith("| finished |"));
        Assert.Contains(md.Split('\n'), l => l.StartsWith("| `agent-b` |", StringComparison.Ordinal) && l.Contains("lost at"));
    }

    [Fact]
    public void A_go_target_lists_the_lines_where_goroutines_piled_up()
    {
        var doc = SyntheticRunDocument.Create(durationSeconds: 120);
        var growers = new[] { new GoroutineGrower("main.watcher", "main.go:74", 29_962, 30_000, 29_962, true, "runtime.gopark") };
        var md = MarkdownExporter.Render(doc with { Heap = doc.Heap! with { GoroutineGrowers = growers } });

        Assert.Contains("| Goroutines waiting at | Where | Δ count | After cool-down |", md);
        Assert.Contains("| `main.watcher` | `main.go:74` |", md);
        Assert.Contains(md.Split('\n'), l => l.Contains("main.watcher") && l.EndsWith("| held |"));
    }
}
