using System.Diagnostics;
using LoadLeak.Reporting.Html;
using LoadLeak.Tests.Shared;
using Xunit.Abstractions;

namespace LoadLeak.Tests.Reporting;

/// <summary>Runs alone so the printed render time is not inflated by other tests rendering at once.</summary>
[CollectionDefinition(nameof(ReportBudgetTests), DisableParallelization = true)]
public sealed class ReportBudgetCollection;

[Collection(nameof(ReportBudgetTests))]
public class ReportBudgetTests(ITestOutputHelper output)
{
    private const int MaxHtmlBytes = 3 * 1024 * 1024;

    [Fact]
    public void One_hour_run_renders_to_a_page_under_3_MB()
    {
        var doc = SyntheticRunDocument.Create(durationSeconds: 3600, scenarioCount: 3);
        Assert.Equal(3600, doc.Samples.Count);
        Assert.Equal(3 * 3600, doc.Intervals.Count);

        var cold = Stopwatch.StartNew();
        var html = HtmlExporter.Render(doc);
        cold.Stop();
        var warm = Stopwatch.StartNew();
        HtmlExporter.Render(doc);
        warm.Stop();

        var bytes = System.Text.Encoding.UTF8.GetByteCount(html);
        output.WriteLine($"one-hour document: HTML {bytes / 1024.0:0} KB, render {cold.ElapsedMilliseconds} ms cold, {warm.ElapsedMilliseconds} ms " +
            "warm");
        Assert.True(bytes <= MaxHtmlBytes, $"report.html is {bytes} bytes, budget {MaxHtmlBytes}");
    }
}
