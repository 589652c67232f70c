namespace LoadLeak.Reporting.Html.Plots;

/// <summary>One line of a plot's legend; drawn in HTML (escaped text, crisp at any zoom) rather than inside the SVG.</summary>
internal sealed record LegendEntry(string Label, string Color, LineKind Kind);

internal enum LineKind { Solid, Dashed, Dotted, Marker, Dot, Band }

/// <summary>A rendered plot: inline SVG markup plus its legend.</summary>
internal sealed record RenderedPlot(string Title, string Svg, IReadOnlyList<LegendEntry> Legend);
