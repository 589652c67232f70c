namespace LoadLeak.Correlator.Comparing;

/// <summary>Metadata of a compared metric, kept apart from its values (crank's way).</summary>
public sealed record ComparedMetric(string Name, string Unit, bool HigherIsBetter, string Description);
