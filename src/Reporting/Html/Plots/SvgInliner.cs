using System.Xml.Linq;

namespace LoadLeak.Reporting.Html.Plots;

/// <summary>
/// Makes a ScottPlot SVG safe to inline many times in one page: re-serialised through an XML
/// parser (so every label is escaped), ids made unique per plot (ScottPlot reuses "cl_a"),
/// and a viewBox so it scales with the page.
/// </summary>
internal static class SvgInliner
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static string Inline(string svgXml, string idPrefix, string accessibleTitle, StrokePatterns? strokes = null)
    {
        var root = XElement.Parse(svgXml);
        var width = (string?)root.Attribute("width") ?? "1200";
        var height = (string?)root.Attribute("height") ?? "300";
        root.SetAttributeValue("viewBox", $"0 0 {width} {height}");
        root.SetAttributeValue("width", null);
        root.SetAttributeValue("height", null);
        root.SetAttributeValue("class", "plot");
        root.SetAttributeValue("role", "img");
        root.SetAttributeValue("preserveAspectRatio", "xMidYMid meet");
        root.SetAttributeValue(XNamespace.Xmlns + "xlink", null);
        root.AddFirst(new XElement(Svg + "title", accessibleTitle));

        foreach (var element in root.DescendantsAndSelf())
        {
            if (strokes is not null) Restyle(element, strokes);
            foreach (var attribute in element.Attributes().ToList())
            {
                if (attribute.Name == "id") attribute.Value = idPrefix + attribute.Value;
                else if (attribute.Value.Contains("url(#", StringComparison.Ordinal))
                    attribute.Value = attribute.Value.Replace("url(#", "url(#" + idPrefix, StringComparison.Ordinal);
                else if (attribute.Name.LocalName == "href" && attribute.Value.StartsWith('#'))
                    attribute.Value = "#" + idPrefix + attribute.Value[1..];
            }
        }
        return root.ToString(SaveOptions.DisableFormatting);
    }

    private static void Restyle(XElement element, StrokePatterns strokes)
    {
        if ((string?)element.Attribute("stroke") is { } stroke && strokes.Tags.TryGetValue(stroke, out var style))
        {
            element.SetAttributeValue("stroke", style.Color);
            element.SetAttributeValue("stroke-dasharray", style.DashArray);
            element.SetAttributeValue("stroke-linecap", style.DashArray.StartsWith("1.5", StringComparison.Ordinal) ? "round" : "butt");
        }
        if ((string?)element.Attribute("fill") is { } fill && strokes.Tags.TryGetValue(fill, out var fillStyle))
            element.SetAttributeValue("fill", fillStyle.Color);
    }
}
