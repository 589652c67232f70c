using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>The coordinator missed streamed messages (e.g. while NATS restarted): send these sequence numbers again.</summary>
internal sealed record ResendRequest(IReadOnlyList<long> Seqs) : ClusterMessage;
