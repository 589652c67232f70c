using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>The answer to <see cref="ClockPing"/>: the ping's time echoed, and the member's monotonic time when it answered.</summary>
internal sealed record ClockPong(long CoordinatorNs, long MemberNs) : ClusterMessage;
