namespace LoadLeak.Correlator.Comparing;

/// <summary>Metadata of a compared metric, kept apart from its values (crank's way).</summary>
internal sealed record ComparedMetric(string Name, string Unit, bool HigherIsBetter, string Description);
