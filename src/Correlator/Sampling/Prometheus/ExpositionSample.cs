namespace LoadLeak.Correlator.Sampling.Prometheus;

/// <summary>
/// One sample line: <c>name{label="value",…} value [timestamp]</c>. The timestamp is kept as written
/// (milliseconds in format 0.0.4, seconds in OpenMetrics); LoadLeak times readings by its own clock.
/// </summary>
internal sealed record ExpositionSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value, double? Timestamp = null)
{
    public string? Label(string name) => Labels.TryGetValue(name, out var v) ? v : null;
}
