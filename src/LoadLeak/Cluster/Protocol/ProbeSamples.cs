using LoadLeak.Correlator.Sampling;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Protocol;

/// <summary>
/// Target samples from the probe, on the run clock. Live batches carry the newest second as it is sampled;
/// the final batches (<see cref="Final"/>) carry the correlator's whole settled table in chunks.
/// </summary>
internal sealed record ProbeSamples(long Seq, bool Final, IReadOnlyList<TargetSample> Samples) : ClusterMessage;
