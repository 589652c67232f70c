using LoadLeak.Cluster.Nats;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Probes;

/// <summary>
/// How a probe joins and what it samples: a running process (<see cref="TargetPid"/>) or one it launches
/// (<see cref="TargetCmd"/>, placeholders filled with the coordinator's values, ready when <see cref="TargetUrl"/> answers).
/// </summary>
internal sealed record ProbeOptions(
    NatsEndpoint Endpoint,
    string ClusterId,
    string Id,
    int? TargetPid,
    string? TargetCmd,
    string? TargetUrl,
    TimeSpan ReadyTimeout,
    string LogDir,
    TimeSpan JoinTimeout);
