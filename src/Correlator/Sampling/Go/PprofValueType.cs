namespace LoadLeak.Correlator.Sampling.Go;

/// <summary>What one column of a profile's sample values measures: <c>inuse_space</c> in <c>bytes</c>.</summary>
internal sealed record PprofValueType(string Type, string Unit);
