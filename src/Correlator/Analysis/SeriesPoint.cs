namespace LoadLeak.Correlator.Analysis;

/// <summary>One value of a resource at run time T (seconds).</summary>
internal readonly record struct SeriesPoint(double T, double Value);
