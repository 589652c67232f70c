namespace LoadLeak.Correlator.Sampling.Prometheus;

/// <summary>A LoadLeak metric's value in one scrape and the exposed name it was read from.</summary>
internal sealed record MappedReading(string Metric, double Value, string ExposedName);
