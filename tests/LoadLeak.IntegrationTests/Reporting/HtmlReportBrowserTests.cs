using System.Text.RegularExpressions;
using LoadLeak.Reporting.Exporting;
using LoadLeak.Tests.Shared;
using Xunit.Abstractions;

namespace LoadLeak.IntegrationTests.Reporting;

public sealed class HtmlReportBrowserTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ll-browser-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [ChromiumFact]
    public void Report_renders_plots_and_tables_without_console_errors()
    {
        RequireChromium();
        var doc = SyntheticRunDocument.Create(durationSeconds: 1800, firstScenarioName: "<script>alert(1)</script>");
        var outcome = ReportWriter.WriteAll(doc, _dir, ["html"]);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));
        var html = Assert.Single(outcome.Files);

        var dom = ChromiumHeadless.DumpDom(html);
        ChromiumHeadless.AssertNoConsoleMessages(dom);
        Assert.True(Regex.Matches(dom.Stdout, "<svg").Count >= 8, "expected the timeline and capacity plots as inline SVG");
        Assert.True(Regex.Matches(dom.Stdout, "<path").Count > 100, "plots have drawn paths");
        Assert.True(Regex.Matches(dom.Stdout, "<table").Count >= 10, "expected the report tables");
        foreach (var id in (string[])["summary", "leak", "timeline", "scenarios", "thresholds", "phases", "heap", "capacity", "run"])
            Assert.Contains($"id=\"{id}\"", dom.Stdout);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", dom.Stdout);
        Assert.DoesNotContain("<script>alert(1)", dom.Stdout);

        var screenshotDir = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults")).FullName;
        var png = Path.Combine(screenshotDir, "report-screenshot.png");
        File.Delete(png);
        var shot = ChromiumHeadless.Screenshot(html, png);
        ChromiumHeadless.AssertNoConsoleMessages(shot);
        Assert.True(File.Exists(png), "chromium wrote no screenshot");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);
        File.Copy(html, Path.Combine(screenshotDir, "report.html"), overwrite: true);
        output.WriteLine($"screenshot: {png} ({new FileInfo(png).Length / 1024} KB); page: {Path.Combine(screenshotDir, "report.html")}");
    }

    [ChromiumFact]
    public void Console_errors_are_detected_on_a_broken_page()
    {
        RequireChromium();
        var broken = Path.Combine(_dir, "broken.html");
        File.WriteAllText(broken, "<!DOCTYPE html><html><head><title>broken</title></head>" +
            "<body><p>x</p><script>notDefined();</script></body></html>");

        var result = ChromiumHeadless.DumpDom(broken);

        Assert.Contains(result.ConsoleMessages, m => m.Contains("Uncaught ReferenceError"));
        Assert.ThrowsAny<Exception>(() => ChromiumHeadless.AssertNoConsoleMessages(result));
    }

    [ChromiumFact]
    public void Remote_loads_are_blocked_by_the_report_policy_and_reported()
    {
        RequireChromium();
        // The same CSP the report uses, on a page that tries to load from the network: the browser
        // must block it and say so, which is what keeps a careless future change honest.
        var html = ReportWriter.WriteAll(SyntheticRunDocument.Create(durationSeconds: 60), _dir, ["html"]).Files[0];
        var page = File.ReadAllText(html).Replace("</body>", "<img src=\"http://127.0.0.1:9/x.png\" alt=\"\"></body>");
        var tampered = Path.Combine(_dir, "tampered.html");
        File.WriteAllText(tampered, page);

        var result = ChromiumHeadless.DumpDom(tampered);

        Assert.Contains(result.ConsoleMessages, m => m.Contains("Content Security Policy"));
    }

    [ChromiumFact]
    public void Each_finding_headline_is_a_single_line_at_1400_px()
    {
        RequireChromium();
        var doc = SyntheticRunDocument.Create(durationSeconds: 1800);
        var html = ReportWriter.WriteAll(doc, _dir, ["html"]).Files[0];
        // The report ships no script and forbids one; a copy without the policy gets a probe that counts the
        // line boxes of each headline (an inline span has one client rect per line it occupies).
        var page = Regex.Replace(File.ReadAllText(html), "<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "")
            .Replace("</body>", "<script>document.body.setAttribute('data-headline-lines', " +
                "[...document.querySelectorAll('.headline')].map(e => e.getClientRects().length).join(','));</script></body>");
        var probe = Path.Combine(_dir, "probe.html");
        File.WriteAllText(probe, page);

        int[] Lines(int width)
        {
            var dom = ChromiumHeadless.DumpDom(probe, width);
            var match = Regex.Match(dom.Stdout, "data-headline-lines=\"([0-9,]*)\"");
            Assert.True(match.Success, "the probe did not run: " + string.Join("\n", dom.ConsoleMessages));
            return match.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        }

        var wide = Lines(1400);
        Assert.Equal(doc.Leak.Findings.Count, wide.Length);
        Assert.All(wide, lines => Assert.Equal(1, lines));
        // The probe sees wrapping where there is some: in a phone-sized window the longest headline takes more lines.
        Assert.Contains(Lines(420), lines => lines > 1);
        output.WriteLine($"headline lines at 1400 px: {string.Join(",", wide)}");
    }

    private static void RequireChromium()
    {
        if (!ChromiumHeadless.IsInstalled)
            throw new Xunit.Sdk.XunitException($"{ChromiumHeadless.Executable} is required on CI (CI=true); install the Debian `chromium` package.");
    }
}
