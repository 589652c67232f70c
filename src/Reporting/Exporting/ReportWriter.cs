using LoadLeak.Reporting.Csv;
using LoadLeak.Reporting.Html;
using LoadLeak.Reporting.Markdown;
using LoadLeak.Results;

namespace LoadLeak.Reporting.Exporting;

/// <summary>The one entry point the CLI needs: every requested format from one run document.</summary>
public static class ReportWriter
{
    public static IReadOnlyList<string> Formats { get; } = ["json", "html", "md", "csv"];

    /// <param name="formats">Any of json, html, md, csv (case-insensitive); null or empty means all.</param>
    /// <exception cref="ArgumentException">An unknown format name.</exception>
    public static ReportOutcome WriteAll(RunDocument doc, string outDir, IReadOnlyCollection<string>? formats = null)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var wanted = formats is { Count: > 0 } ? formats : Formats;
        var exporters = wanted
            .Select(f => f.Trim().ToLowerInvariant())
            .Distinct()
            .Select(Create)
            .ToList();
        return new CompositeExporter(exporters).Run(doc, outDir);
    }

    public static IExporter Create(string format) => format switch
    {
        "json" => new JsonExporter(),
        "html" => new HtmlExporter(),
        "md" or "markdown" => new MarkdownExporter(),
        "csv" => new CsvExporter(),
        _ => throw new ArgumentException(
            $"Unknown report format '{format}'; expected one of: {string.Join(", ", Formats)}.", nameof(format)),
    };
}
