using System.Text.Json;
using LoadLeak.Reporting.Exporting;
using LoadLeak.Results;

namespace LoadLeak.Reporting.Comparing;

/// <summary>Writes compare.json, compare.html and compare.md; one failing format does not stop the others.</summary>
public static class CompareWriter
{
    public static ReportOutcome WriteAll(CompareDocument doc, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var files = new List<string>();
        var errors = new List<string>();
        void Write(string name, Func<string> render)
        {
            try
            {
                var path = Path.Combine(outDir, name);
                File.WriteAllText(path, render());
                files.Add(path);
            }
            catch (Exception ex) { errors.Add($"{name}: {ex.GetType().Name}: {ex.Message}"); }
        }
        Write("compare.json", () => JsonSerializer.Serialize(doc, RunDocumentJson.Options));
        Write("compare.html", () => CompareHtml.Render(doc));
        Write("compare.md", () => CompareMarkdown.Render(doc));
        return new ReportOutcome(files, errors);
    }

    internal static string Format(double? value) => value switch
    {
        null => "–",
        { } v when Math.Abs(v) >= 1000 => v.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
        { } v when Math.Abs(v) >= 10 => v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
        { } v => v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
    };

    internal static string Percent(double? value) =>
        value is { } v ? (v >= 0 ? "+" : "") + v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " %" : "–";
}
