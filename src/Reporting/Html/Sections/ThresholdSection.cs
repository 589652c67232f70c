using System.Text;
using LoadLeak.Results;

namespace LoadLeak.Reporting.Html.Sections;

internal sealed class ThresholdSection : IHtmlSection
{
    public string Id => "thresholds";
    public string Label => "Thresholds";
    public bool Applies(RunDocument doc) => doc.Thresholds.Count > 0;

    public void Write(StringBuilder html, RunDocument doc)
    {
        HtmlTable.Section(html, Id, "Thresholds");
        HtmlTable.Write(html, ["Result", "Scenario", "Threshold", "Error"],
            doc.Thresholds.OrderBy(t => t.Passed).Select(t => new[]
                { Cell.PassFail(t.Passed), Cell.Text(t.Scenario), Cell.Code(t.Description), Cell.Text(t.Error ?? "") }));
    }
}
