using LoadLeak.Reporting.Formatting;
using LoadLeak.Reporting.Html;
using LoadLeak.Reporting.Markdown;
using LoadLeak.Results;
using LoadLeak.Tests.Shared;

namespace LoadLeak.Tests.Reporting;

public sealed class FindingHeadlineTests
{
    private static readonly RunDocument Run = new()
    {
        RunId = "r",
        DurationSeconds = 90,
        Phases =
        [
            new PhaseRecord("warm-up", "http", PhaseKind.WarmUp, 0, 10, "keep_constant", 4, null),
            new PhaseRecord("load", "http", PhaseKind.Load, 10, 70, "keep_constant", 8, null),
            new PhaseRecord("cool-down", "http", PhaseKind.Pause, 70, 90, "pause", 0, null),
        ],
    };

    [Fact]
    public void A_leak_reads_as_one_sentence_from_the_findings_fields()
    {
        var f = new LeakFinding
        {
            Resource = LeakResource.Heap,
            Scenario = "http",
            Slope = 12e6,
            GrowthTotal = 737 * 1048576.0,
            SlopePerRequest = 1536,
            Recovered = false,
            IsLeak = true,
            Summary = "a 60-word wall of evidence that the headline must not repeat",
        };
        Assert.Equal("heap grew 737 MB over 1m 20s, ~1.5 KB per http request, not recovered after cool-down — leak",
            FindingHeadline.Of(f, Run));
    }

    [Fact]
    public void Counts_without_growth_or_per_request_figures_still_make_a_sentence()
    {
        var f = new LeakFinding { Resource = LeakResource.Threads, Slope = 0.05, Recovered = true, IsLeak = false };
        Assert.Equal("threads grew by 4 over 1m 20s, recovered after cool-down — no leak", FindingHeadline.Of(f, Run));
        var fds = new LeakFinding { Resource = LeakResource.Fds, Slope = -0.01, GrowthTotal = -0.5 };
        Assert.Equal("file descriptors fell by 0.5 over 1m 20s — no leak", FindingHeadline.Of(fds, Run));
    }

    [Fact]
    public void A_rise_the_runtime_holds_back_reads_inconclusive_in_the_headline_the_badge_and_the_markdown_marker()
    {
        var f = new LeakFinding
        {
            Resource = LeakResource.ThreadPoolThreads,
            Slope = 0.2,
            GrowthTotal = 17,
            Recovered = false,
            IsLeak = false,
            Verdict = LeakVerdict.Inconclusive,
            Summary = "cool-down 15 s is shorter than the thread pool's 20 s idle timeout",
        };
        Assert.Equal("thread-pool-threads grew by 17 over 1m 20s, not recovered after cool-down — inconclusive", FindingHeadline.Of(f, Run));
        var doc = SyntheticRunDocument.Create(durationSeconds: 600);
        doc = doc with { Leak = doc.Leak with { Findings = [f] } };
        Assert.Contains("badge warn\">inconclusive</span> <span class=\"headline\">", HtmlExporter.Render(doc));
        Assert.Contains("- 🟡 thread-pool-threads grew by 17", MarkdownExporter.Render(doc));
    }

    [Fact]
    public void Html_and_markdown_lead_with_the_same_headline_and_fold_the_evidence()
    {
        var doc = SyntheticRunDocument.Create(durationSeconds: 600);
        var html = HtmlExporter.Render(doc);
        var md = MarkdownExporter.Render(doc);
        foreach (var f in doc.Leak.Findings)
        {
            var headline = FindingHeadline.Of(f, doc);
            Assert.Contains($"<span class=\"headline\">{HtmlText.Encode(headline)}</span></summary>", html);
            Assert.Contains(MarkdownText.Escape(headline), md);
            Assert.Contains(HtmlText.Encode(f.Summary), html);
        }
        Assert.Equal(doc.Leak.Findings.Count, html.Split("<details class=\"finding\">").Length - 1);
        Assert.DoesNotContain("<script", html);
        Assert.True(md.IndexOf("<details>", StringComparison.Ordinal) > md.IndexOf(MarkdownText.Escape(FindingHeadline.Of(doc.Leak.Findings[0], doc)),
            StringComparison.Ordinal), "the headlines come before the folded evidence");
    }
}
