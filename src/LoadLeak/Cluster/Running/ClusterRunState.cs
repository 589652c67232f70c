using LoadLeak.Cli;
using LoadLeak.Cluster.Coordinator;
using LoadLeak.Cluster.Planning;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Running;

/// <summary>
/// What the cluster's stages share within one run: the coordinator, the settings, and the shift from the
/// coordinator's run clock (second 0 = the agents' start) to the session's run clock, which started earlier
/// (when the target was ready). Every time the members report is moved by <see cref="Shift"/>.
/// </summary>
internal sealed class ClusterRunState(ClusterCoordinator coordinator, ClusterSettings settings, IUserConsole console,
    CancellationToken interrupt)
{
    private readonly SemaphoreSlim _finishing = new(1, 1);
    private bool _finished;

    public ClusterCoordinator Coordinator => coordinator;
    public ClusterSettings Settings => settings;
    public IUserConsole Console => console;

    /// <summary>Session seconds at the coordinator's second 0; 0 until the cluster started.</summary>
    public double Shift { get; set; }

    public bool HasProbe => settings.WaitForProbe;

    /// <summary>Ctrl-C or SIGTERM: everyone is stopped at once (a load stopped otherwise, by the memory guard, keeps the probe).</summary>
    public CancellationToken Interrupt => interrupt;

    public TimelineEvent Shifted(TimelineEvent e) => e with { T = e.T + Shift };

    /// <summary>Stops every member and collects what is left, once (later calls return at once).</summary>
    public async Task FinishAsync(string reason)
    {
        await _finishing.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_finished) return;
            _finished = true;
            await coordinator.FinishAsync(reason, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _finishing.Release();
        }
    }
}
