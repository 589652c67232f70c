namespace LoadLeak.Correlator.Sampling.Prometheus;

/// <summary>A metric family's <c># TYPE</c>; untyped when the exposition says nothing.</summary>
internal enum MetricFamilyType
{
    Untyped,
    Counter,
    Gauge,
    Histogram,
    Summary,
}
