using LoadLeak.Cluster.Protocol;
using LoadLeak.Guard;
using LoadLeak.Results;
using LoadLeak.Targets;

namespace LoadLeak.Cluster.Running;

/// <summary>
/// The target as the probe on its host reported it. This process cannot watch or stop it: the probe stops a
/// target it launched when it is released, and its exit shows in the probe's events.
/// </summary>
internal sealed class RemoteTarget(ProbeReady ready, string probeId, string host) : ITarget, IRemoteMemoryLimit
{
    private readonly TaskCompletionSource _never = new();

    public int Pid => ready.Pid;
    public string Description => $"{ready.Target} on {host} (probe {probeId})";
    public double? StartupSeconds => ready.StartupSeconds;
    public bool HasExited => false;
    public int? ExitCode => null;
    public Task Exited => _never.Task;

    public (double Bytes, string Source)? MemoryLimit =>
        ready.MemoryLimitBytes is { } bytes && bytes > 0 ? (bytes, $"{ready.MemoryLimitSource ?? "memory limit"} on {host}") : null;

    public Task StopAsync() => Task.CompletedTask;
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
