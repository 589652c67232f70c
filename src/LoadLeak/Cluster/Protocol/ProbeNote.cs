using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>A note from the probe's correlator for the report (e.g. "no .NET diagnostics socket").</summary>
internal sealed record ProbeNote(long Seq, string Text) : ClusterMessage;
