using System.Text;
using LoadLeak.Results;

namespace LoadLeak.Reporting.Html;

/// <summary>One part of report.html; sections with nothing to show are left out (and out of the navigation).</summary>
internal interface IHtmlSection
{
    string Id { get; }
    string Label { get; }
    bool Applies(RunDocument doc);
    void Write(StringBuilder html, RunDocument doc);
}
