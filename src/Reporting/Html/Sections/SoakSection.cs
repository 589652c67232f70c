using System.Text;
using LoadLeak.Reporting.Formatting;
using LoadLeak.Results;

namespace LoadLeak.Reporting.Html.Sections;

/// <summary>Soak mode: memory slopes over the held load and the time until memory runs out.</summary>
internal sealed class SoakSection : IHtmlSection
{
    public string Id => "soak";
    public string Label => "Soak";
    public bool Applies(RunDocument doc) => doc.Soak is not null;

    public void Write(StringBuilder html, RunDocument doc)
    {
        var soak = doc.Soak!;
        HtmlTable.Section(html, Id, "Soak forecast",
            "Theil-Sen slopes over the held load (the first tenth, settling, excluded); the forecast assumes the RSS slope holds.");
        HtmlTable.Write(html, ["Held load", "Retained heap slope", "RSS slope", "Memory limit", "Memory runs out in"],
        [[
            Cell.Num(Units.Duration(soak.DurationSeconds)),
            Cell.Num(soak.RetainedSlopeBytesPerHour is { } r ? Units.SignedMb(r) + "/h" : "–"),
            Cell.Num(soak.RssSlopeBytesPerHour is { } s ? Units.SignedMb(s) + "/h" : "–"),
            Cell.Text(soak.MemoryLimitBytes is { } l ? $"{Units.Mb(l)} ({soak.MemoryLimitSource})" : "unknown"),
            soak.ForecastSecondsToExhaustion is { } f ? Cell.Badge(Units.Duration(f), "bad") : Cell.Badge("no upward trend", "good"),
        ]]);
        foreach (var note in soak.Notes)
            html.Append("<p class=\"note\">").Append(HtmlText.Encode(note)).Append("</p>\n");
    }
}
