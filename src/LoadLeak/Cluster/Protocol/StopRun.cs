namespace LoadLeak.Cluster.Protocol;

/// <summary>Broadcast: stop the load (or sampling), send what is left, and exit.</summary>
internal sealed record StopRun(string Reason) : ClusterMessage;
