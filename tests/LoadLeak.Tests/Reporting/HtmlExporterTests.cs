using System.Text.RegularExpressions;
using System.Xml.Linq;
using LoadLeak.Reporting.Html;
using LoadLeak.Results;
using LoadLeak.Tests.Results;
using LoadLeak.Tests.Shared;

namespace LoadLeak.Tests.Reporting;

public class HtmlExporterTests
{
    private const string Xss = "<script>alert(1)</script>";

    [Fact]
    public void Document_strings_are_escaped_in_tables_and_plot_labels()
    {
        var doc = SyntheticRunDocument.Create(durationSeconds: 300, firstScenarioName: Xss) with
        {
            Meta = new RunMetadata { TestName = "<img src=x onerror=alert(2)>", CommandLine = "a && b" },
            Events = [new TimelineEvent(100, EventKind.BrokerDown, "<b>boom</b> \"quoted\" & <tag>")],
            Phases = [new PhaseRecord("<i>phase</i>", Xss, PhaseKind.Load, 0, 300, "<sim>", 1, null)],
        };
        var html = HtmlExporter.Render(doc);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>boom", html);
        Assert.DoesNotContain("<i>phase", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", html);
        Assert.Contains("&lt;b&gt;boom&lt;/b&gt;", html); // the event's message in the events table
        Assert.Contains("&lt;i&gt;phase&lt;/i&gt;", html); // the phase band label inside the SVG
    }

    [Fact]
    public void A_run_without_a_config_file_says_its_scenarios_came_from_code()
    {
        var doc = SyntheticRunDocument.Create(durationSeconds: 300);
        var html = HtmlExporter.Render(doc with { Meta = doc.Meta with { ConfigPath = null } });
        Assert.Contains("<dt>Config</dt><dd>none (code scenarios)</dd>", html);
        Assert.Contains("<dt>Config</dt><dd>nbomber-config.json</dd>", HtmlExporter.Render(doc));
    }

    [Fact]
    public void Page_is_self_contained_under_a_no_remote_content_security_policy()
    {
        var html = HtmlExporter.Render(SyntheticRunDocument.Create(durationSeconds: 300));

        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:;", html);
        Assert.DoesNotMatch(new Regex(@"\s(src|href)\s*=\s*""(https?:)?//", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("@import", html);
        Assert.Contains("<svg", html);
    }

    [Fact]
    public void Every_inlined_svg_is_well_formed_and_ids_are_unique_across_plots()
    {
        var html = HtmlExporter.Render(SyntheticRunDocument.Create(durationSeconds: 300));
        var svgs = Regex.Matches(html, "<svg.*?</svg>", RegexOptions.Singleline).Select(m => XElement.Parse(m.Value)).ToList();

        Assert.True(svgs.Count >= 7, $"expected the load, latency, target and capacity plots, got {svgs.Count}");
        var ids = svgs.SelectMany(s => s.DescendantsAndSelf()).Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.DoesNotContain("#A1B2", html); // dash tag colours are all swapped back
    }

    [Fact]
    public void Gaps_in_samples_split_the_line_instead_of_bridging_it()
    {
        var samples = Enumerable.Range(1, 100)
            .Select(t => new TargetSample { T = t, Threads = t is > 40 and <= 60 ? null : 20 })
            .ToList();
        var doc = RunDocumentJsonTests.Minimal() with { DurationSeconds = 100, Samples = samples };
        var html = HtmlExporter.Render(doc);

        var handles = Regex.Match(html, "<figcaption>Target threads.*?</figure>", RegexOptions.Singleline).Value;
        var threadPaths = Regex.Matches(handles, "<path[^>]*stroke=\"#0072B2\"[^>]*>").Count;
        Assert.Equal(2, threadPaths);
    }

    [Theory]
    [InlineData(RunStatus.Partial, "status partial")]
    [InlineData(RunStatus.Interrupted, "status interrupted")]
    [InlineData(RunStatus.TargetDied, "status target-died")]
    [InlineData(RunStatus.Guarded, "status guarded")]
    public void Incomplete_runs_are_flagged_prominently(RunStatus status, string cssClass)
    {
        var html = HtmlExporter.Render(RunDocumentJsonTests.Minimal() with { Status = status });
        Assert.Contains(cssClass, html);
        Assert.Contains($"This run is {status.ToJsonName()}", html);
    }

    [Fact]
    public void Optional_sections_are_left_out_when_absent()
    {
        var html = HtmlExporter.Render(RunDocumentJsonTests.Minimal());
        Assert.DoesNotContain("id=\"heap\"", html);
        Assert.DoesNotContain("id=\"capacity\"", html);
        Assert.DoesNotContain("<svg", html);
        Assert.Contains("id=\"summary\"", html);
    }

    [Fact]
    public void Heap_snapshots_show_the_measured_pause_beside_the_WriteDump_call()
    {
        var html = HtmlExporter.Render(SyntheticRunDocument.Create(durationSeconds: 300));

        var heap = html[html.IndexOf("id=\"heap\"", StringComparison.Ordinal)..];
        Assert.Contains("WriteDump call", heap);
        Assert.Contains("1,130 ms", heap);
        Assert.Contains("990 ms (upper bound)", heap);
        Assert.Contains("820 ms<", heap);
    }

    [Fact]
    public void Heap_snapshots_show_each_pause_beside_its_budget()
    {
        var doc = SyntheticRunDocument.Create(durationSeconds: 300);
        var snapshots = doc.Heap!.Snapshots;
        doc = doc with
        {
            Heap = doc.Heap with
            {
                Snapshots = [snapshots[0] with { PauseBudgetMs = 1_500 }, snapshots[1] with { PauseBudgetMs = 1_000 }, snapshots[2]],
            },
        };

        var html = HtmlExporter.Render(doc);
        var heap = html[html.IndexOf("id=\"heap\"", StringComparison.Ordinal)..];

        Assert.Contains("Pause budget", heap);
        Assert.Contains(">1,500 ms<", heap);
        Assert.Contains("1,000 ms <span class=\"badge bad\">over</span>", heap);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(heap, ">over<"));
        Assert.Contains(">–<", heap);
    }

    [Fact]
    public void A_clock_offset_that_rounds_to_zero_reads_zero_not_minus_plus_zero()
    {
        // .NET formats a negative value that rounds to zero with the positive section and a minus: "-+0.000".
        var agents = new[]
        {
            new AgentRecord("agent-a", "", "host-1", [new AgentScenarioRecord("http", 2000, 0, 100)], -0.0004, 0.02, 1, false, null),
            new AgentRecord("agent-b", "", "host-2", [new AgentScenarioRecord("http", 1000, 0, 50)], -0.4, 0.03, 2, false, null),
        };
        var html = HtmlExporter.Render(SyntheticRunDocument.Create(durationSeconds: 120) with { Agents = agents });

        Assert.DoesNotContain("-+", html, StringComparison.Ordinal);
        Assert.Contains(">0.000<", html, StringComparison.Ordinal);
        Assert.Contains(">-0.400<", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cluster_run_plots_each_agents_throughput()
    {
        var intervals = Enumerable.Range(1, 20).Select(t => new AgentInterval(t, 100, 0, 100)).ToList();
        var agents = new[]
        {
            new AgentRecord("agent-a", "", "host-1", [new AgentScenarioRecord("http", 2000, 0, 100)], 0.5, 0.02, 1, false, null)
                { Intervals = intervals },
            new AgentRecord("agent-b", "", "host-2", [new AgentScenarioRecord("http", 1000, 0, 50)], -0.4, 0.03, 2, true, 10)
                { Intervals = intervals.Take(10).ToList() },
        };
        var html = HtmlExporter.Render(SyntheticRunDocument.Create(durationSeconds: 120) with { Agents = agents });

        var figure = Regex.Match(html, "<figcaption>Throughput per agent.*?</figure>", RegexOptions.Singleline).Value;
        Assert.Contains("<svg", figure);
        Assert.Contains("agent-a requests/s", figure);
        Assert.Contains("agent-b requests/s", figure);
    }
}
