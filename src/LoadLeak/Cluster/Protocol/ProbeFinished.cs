using LoadLeak.Correlator.Sampling;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Protocol;

/// <summary>The probe's last word after its final samples: retained marks, whether the target was .NET, how much it sent.</summary>
internal sealed record ProbeFinished(IReadOnlyList<RetainedMark> Retained, bool IsDotNet, long LastSeq, int FinalSamples) : ClusterMessage;
