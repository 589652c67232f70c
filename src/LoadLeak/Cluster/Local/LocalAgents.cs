using System.Globalization;
using LoadLeak.Cluster.Nats;
using LoadLeak.Results;
using LoadLeak.Targets;

namespace LoadLeak.Cluster.Local;

/// <summary>
/// `--cluster-local N`'s agents: N `loadleak agent` child processes on this machine, joined to the local
/// nats-server. They die with the coordinator (parent-death signal) and leave by themselves once released;
/// disposing stops any that are left. Their output goes to agent-N.log in the run's folder.
/// </summary>
internal sealed class LocalAgents : IAsyncDisposable
{
    private readonly List<LaunchedTarget> _processes;

    private LocalAgents(List<LaunchedTarget> processes) => _processes = processes;

    public IReadOnlyList<int> Pids => _processes.Select(p => p.Pid).ToList();

    public static string IdOf(int index) => "local-" + (index + 1).ToString(CultureInfo.InvariantCulture);

    /// <param name="self">How to start loadleak (see <see cref="SelfCommand"/>).</param>
    public static LocalAgents Start(IReadOnlyList<string> self, NatsEndpoint endpoint, string clusterId, int count, string logDir)
    {
        Directory.CreateDirectory(logDir);
        var processes = new List<LaunchedTarget>();
        for (var i = 0; i < count; i++)
        {
            string[] command =
            [
                .. self, "agent", "--cluster-nats-url", endpoint.Url, "--cluster-id", clusterId, "--agent-id", IdOf(i), "--join-timeout", "2m",
            ];
            processes.Add(LaunchedTarget.Start(command, Path.Combine(logDir, $"agent-{i + 1}.log")));
        }
        return new LocalAgents(processes);
    }

    /// <summary>Waits (bounded) for the agents to leave after they were released; true when all did.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan limit)
    {
        var all = Task.WhenAll(_processes.Select(p => p.Exited));
        return await Task.WhenAny(all, Task.Delay(limit)).ConfigureAwait(false) == all;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_processes.Select(p => p.DisposeAsync().AsTask())).ConfigureAwait(false);
    }
}
