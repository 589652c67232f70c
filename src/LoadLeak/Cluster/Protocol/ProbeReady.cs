using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>The probe's answer to its assignment: the target is up (pid, whether it is .NET) or why not.</summary>
internal sealed record ProbeReady(bool Ready, int Pid, string Target, double? StartupSeconds, string? Error) : ClusterMessage;
