namespace LoadLeak.Correlator.Sampling.Go;

/// <summary>One sample of a profile: its stack (leaf first, inlined calls as frames of their own) and its values.</summary>
internal sealed record PprofSample(IReadOnlyList<GoFrame> Stack, IReadOnlyList<long> Values);
