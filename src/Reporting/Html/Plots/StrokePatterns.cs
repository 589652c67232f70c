using System.Globalization;
using ScottPlot;

namespace LoadLeak.Reporting.Html.Plots;

/// <summary>
/// Dashed and dotted lines drawn as plain strokes plus an SVG stroke-dasharray. Skia's SVG canvas
/// expands a dash effect into filled outlines of every dash (a dashed hour-long series came out
/// 6× larger than the solid one), so such lines are drawn solid in a unique tag colour, and
/// <see cref="SvgInliner"/> swaps the tag for the real colour and the dash pattern.
/// </summary>
internal sealed class StrokePatterns
{
    private readonly Dictionary<string, (string Color, string DashArray)> _tags = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, (string Color, string DashArray)> Tags => _tags;

    public Color For(string color, LineKind kind)
    {
        var dash = kind switch { LineKind.Dashed => "7 4", LineKind.Dotted => "1.5 3", _ => null };
        if (dash is null) return Color.FromHex(color);
        // #A1B2xx is outside the report palette, so a tag never collides with a real colour.
        var tag = "#A1B2" + (_tags.Count + 1).ToString("X2", CultureInfo.InvariantCulture);
        _tags[tag] = (color, dash);
        return Color.FromHex(tag);
    }
}
