namespace LoadLeak.Correlator.Sampling.Go;

/// <summary>
/// In-use heap attributed to one allocating function: the first frame of the service's own code in each
/// sample's stack (else the first outside the runtime). <paramref name="Frame"/> is that function with the
/// file:line that contributed most.
/// </summary>
public sealed record HeapSite(GoFrame Frame, long InuseBytes, long InuseObjects);
