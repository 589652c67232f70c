namespace LoadLeak.Results;

/// <summary>Mean and spread of one metric over a candidate's repeats; null where no run measured it.</summary>
public sealed record MetricSummary(double? Mean, double? StdDev, int Count);
