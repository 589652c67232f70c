using LoadLeak.Correlator.Sampling;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Protocol;

/// <summary>The retained heap after the induced GC, on the run clock; null when the target could not be measured.</summary>
internal sealed record ProbeGcReply(RetainedMark? Mark) : ClusterMessage;
