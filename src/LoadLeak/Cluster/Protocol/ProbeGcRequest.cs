using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>Induce a full blocking GC in the target now and measure the retained heap (request/reply).</summary>
internal sealed record ProbeGcRequest(string Phase, string Reason) : ClusterMessage;
