namespace LoadLeak.Cluster.Coordinator;

/// <summary>A cluster event for the run's timeline (agent-lost, nats-disconnected, ...); T in run seconds (0 before the start).</summary>
internal sealed record ClusterEvent(double T, string Kind, string Message);
