using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>The probe's answer to its assignment: the target is up (pid, whether it is .NET) or why not.</summary>
internal sealed record ProbeReady(bool Ready, int Pid, string Target, double? StartupSeconds, string? Error) : ClusterMessage
{
    /// <summary>
    /// The target's memory limit on the probe's host (its cgroup's memory.max, else MemTotal), for the coordinator's
    /// memory guard. Added after version 1 shipped: absent from an older probe, and an older coordinator ignores it.
    /// </summary>
    public double? MemoryLimitBytes { get; init; }

    /// <summary>Where <see cref="MemoryLimitBytes"/> was read, in words (e.g. "cgroup limit (/sys/fs/cgroup/…/memory.max)").</summary>
    public string? MemoryLimitSource { get; init; }
}
