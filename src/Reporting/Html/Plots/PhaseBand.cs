using LoadLeak.Results;

namespace LoadLeak.Reporting.Html.Plots;

/// <summary>A stretch of the time axis drawn as one band: the phases active in it, named together.</summary>
internal sealed record PhaseBand(string Name, PhaseKind Kind, double Start, double End);
