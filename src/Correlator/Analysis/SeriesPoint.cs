namespace LoadLeak.Correlator.Analysis;

/// <summary>One value of a resource at run time T (seconds).</summary>
public readonly record struct SeriesPoint(double T, double Value);
