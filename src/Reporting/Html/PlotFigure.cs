using System.Text;
using LoadLeak.Reporting.Html.Plots;

namespace LoadLeak.Reporting.Html;

internal static class PlotFigure
{
    public static void Write(StringBuilder html, RenderedPlot plot)
    {
        html.Append("<figure><figcaption>").Append(HtmlText.Encode(plot.Title)).Append("</figcaption>\n")
            .Append(plot.Svg).Append("\n<div class=\"legend\">");
        foreach (var entry in plot.Legend)
        {
            var kind = entry.Kind switch
            {
                LineKind.Dashed => " dashed",
                LineKind.Dotted => " dotted",
                LineKind.Marker => " marker",
                LineKind.Dot => " dot",
                _ => ""
            };
            var colour = entry.Kind is LineKind.Marker or LineKind.Dot ? $"background:{entry.Color}" : $"border-top-color:{entry.Color}";
            html.Append($"<span><i class=\"sw{kind}\" style=\"{colour}\"></i>").Append(HtmlText.Encode(entry.Label)).Append("</span>");
        }
        html.Append("</div></figure>\n");
    }
}
