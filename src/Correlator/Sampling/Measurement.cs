namespace LoadLeak.Correlator.Sampling;

/// <summary>
/// One raw reading of a target metric, crank-style: a timestamp on the run clock, a namespaced
/// name from <see cref="MetricNames"/> and a value. Cumulative metrics carry running totals;
/// the <see cref="SampleTable"/> turns them into per-second figures.
/// </summary>
public sealed record Measurement(double T, string Name, double Value);
