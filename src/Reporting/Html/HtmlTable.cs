using System.Text;

namespace LoadLeak.Reporting.Html;

internal static class HtmlTable
{
    /// <summary>Headers are the report's own literals; cells are escaped by <see cref="Cell"/>.</summary>
    public static void Write(StringBuilder html, IReadOnlyList<string> headers, IEnumerable<Cell[]> rows, string? cssClass = null)
    {
        var materialized = rows.ToList();
        html.Append("<div class=\"table-wrap\"><table").Append(cssClass is null ? "" : $" class=\"{cssClass}\"").Append("><thead><tr>");
        for (var i = 0; i < headers.Count; i++)
        {
            // Numeric columns are right-aligned; their headers follow so the eye finds the figures.
            var numeric = materialized.Count > 0 && i < materialized[0].Length && materialized[0][i].Class == "num";
            html.Append(numeric ? "<th class=\"num\">" : "<th>").Append(HtmlText.Encode(headers[i])).Append("</th>");
        }
        html.Append("</tr></thead><tbody>");
        foreach (var row in materialized)
        {
            html.Append("<tr>");
            foreach (var cell in row)
                html.Append(cell.Class is null ? "<td>" : $"<td class=\"{cell.Class}\">").Append(cell.Html).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table></div>\n");
    }

    public static void Section(StringBuilder html, string id, string title, string? lead = null)
    {
        html.Append($"<h2 id=\"{id}\">").Append(HtmlText.Encode(title)).Append("</h2>\n");
        if (lead is not null) html.Append("<p class=\"lead\">").Append(HtmlText.Encode(lead)).Append("</p>\n");
    }
}
