namespace LoadLeak.Correlator.Sampling.Prometheus;

/// <summary>
/// Reads one exposed metric as a LoadLeak metric: the sum over its series (those with
/// <paramref name="LabelName"/>=<paramref name="LabelValue"/> when given), times <paramref name="Scale"/>.
/// </summary>
internal sealed record PrometheusRule(string Metric, string ExposedName, double Scale = 1, string? LabelName = null, string? LabelValue = null)
{
    public bool Matches(ExpositionSample sample) =>
        sample.Name == ExposedName && (LabelName is null || sample.Label(LabelName) == LabelValue);
}
