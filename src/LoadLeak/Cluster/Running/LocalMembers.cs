using LoadLeak.Cluster.Local;
using LoadLeak.Targets;

namespace LoadLeak.Cluster.Running;

/// <summary>The child processes of `--cluster-local`: the agents and, with --cluster-probe, the probe.</summary>
internal sealed class LocalMembers(LocalAgents agents, LaunchedTarget? probe) : IAsyncDisposable
{
    /// <summary>Waits (bounded) for every member to leave after it was released; true when all did.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan limit)
    {
        var agentsLeft = agents.WaitForExitAsync(limit);
        var probeExited = probe?.Exited ?? Task.CompletedTask;
        var probeLeft = await Task.WhenAny(probeExited, Task.Delay(limit)).ConfigureAwait(false) == probeExited;
        return await agentsLeft.ConfigureAwait(false) && probeLeft;
    }

    public async ValueTask DisposeAsync()
    {
        await agents.DisposeAsync().ConfigureAwait(false);
        if (probe is not null) await probe.DisposeAsync().ConfigureAwait(false);
    }
}
