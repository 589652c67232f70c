using System.Diagnostics;
using LoadLeak.Cluster.Local;
using LoadLeak.IntegrationTests.Infrastructure;
using LoadLeak.Results;

namespace LoadLeak.IntegrationTests.LoadLeak.Cluster;

/// <summary>`loadleak agent` as separate processes (as `--cluster-local` starts them), against the in-process coordinator core.</summary>
public sealed class LocalAgentProcessTests
{
    private static readonly string[] Self = ["dotnet", RepoPaths.LoadLeakDll];

    [RequiresNatsServerFact]
    public async Task Agent_processes_run_their_shares_and_leave_when_released()
    {
        await using var cluster = await ClusterHarness.StartAsync();
        await using var coordinator = await cluster.CoordinatorAsync(ClusterHarness.Settings("procs", agents: 2));
        var logs = Directory.CreateTempSubdirectory("loadleak-agents-").FullName;
        await using var agents = LocalAgents.Start(Self, cluster.Endpoint, "procs", 2, logs);

        await ClusterHarness.RunAsync(coordinator, cluster.Input(rate: 30, seconds: 3));

        Assert.True(await agents.WaitForExitAsync(TimeSpan.FromSeconds(10)), "the agents did not leave after release");
        Assert.Equal(["local-1", "local-2"], coordinator.Stats.AgentIds);
        Assert.Equal(cluster.Target.Served, coordinator.Stats.MergedRows().Sum(r => r.Ok));
        Assert.Contains("agent local-1: completed", File.ReadAllText(Path.Combine(logs, "agent-1.log")), StringComparison.Ordinal);
        Directory.Delete(logs, recursive: true);
    }

    [RequiresNatsServerFact]
    public async Task Kill_9_of_an_agent_process_is_an_agent_lost_event_and_the_run_goes_on()
    {
        await using var cluster = await ClusterHarness.StartAsync();
        await using var coordinator = await cluster.CoordinatorAsync(ClusterHarness.Settings("kill9", agents: 2));
        var logs = Directory.CreateTempSubdirectory("loadleak-agents-").FullName;
        await using var agents = LocalAgents.Start(Self, cluster.Endpoint, "kill9", 2, logs);

        await ClusterHarness.RunAsync(coordinator, cluster.Input(rate: 20, seconds: 8), async () =>
        {
            await ClusterRunTests.WaitUntil(() => coordinator.Stats.RowsOf("local-2").Count >= 2, TimeSpan.FromSeconds(20));
            Process.GetProcessById(agents.Pids[1]).Kill();
        });

        var lost = Assert.Single(coordinator.Events, e => e.Kind == EventKind.AgentLost);
        Assert.Contains("local-2", lost.Message, StringComparison.Ordinal);
        Assert.NotEmpty(coordinator.Stats.RowsOf("local-2"));
        Assert.NotNull(coordinator.AgentMembers.Single(m => m.Id == "local-1").Finished);
        Directory.Delete(logs, recursive: true);
    }
}
