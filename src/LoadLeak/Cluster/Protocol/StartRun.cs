using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>
/// Broadcast: the run's second 0 is at <see cref="StartAtCoordinatorNs"/> on the coordinator's monotonic clock.
/// Each member converts it with its measured offset, so all start together.
/// </summary>
internal sealed record StartRun(long StartAtCoordinatorNs, DateTimeOffset StartedAtUtc) : ClusterMessage;
