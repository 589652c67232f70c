using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>A clock round trip, sent by the coordinator: its monotonic time in nanoseconds when sent.</summary>
internal sealed record ClockPing(long CoordinatorNs) : ClusterMessage;
