using System.Diagnostics;
using LoadLeak.Cluster.Agents;
using LoadLeak.Cluster.Coordinator;
using LoadLeak.Cluster.Merging;
using LoadLeak.Engine.Schedules;
using LoadLeak.Results;

namespace LoadLeak.IntegrationTests.LoadLeak.Cluster;

/// <summary>The coordinator core against real agent workers over a real nats-server, with a real HTTP target.</summary>
public sealed class ClusterRunTests
{
    [RequiresNatsServerFact]
    public async Task Merged_ok_count_is_the_sum_over_agents_and_what_the_target_served()
    {
        await using var cluster = await ClusterHarness.StartAsync();
        await using var coordinator = await cluster.CoordinatorAsync(ClusterHarness.Settings("merge", agents: 2));
        var a = cluster.StartAgent("merge", "agent-a");
        var b = cluster.StartAgent("merge", "agent-b");

        await ClusterHarness.RunAsync(coordinator, cluster.Input(rate: 40, seconds: 4));

        Assert.Equal(AgentOutcome.Completed, await a.Run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(AgentOutcome.Completed, await b.Run.WaitAsync(TimeSpan.FromSeconds(10)));
        var merged = coordinator.Stats.MergedRows();
        var perAgent = new[] { "agent-a", "agent-b" }.Select(id => coordinator.Stats.RowsOf(id).Sum(r => r.Ok)).ToList();
        Assert.All(perAgent, ok => Assert.True(ok > 0, "each agent ran its share"));
        Assert.Equal(perAgent.Sum(), merged.Sum(r => r.Ok));
        Assert.Equal(cluster.Target.Served, merged.Sum(r => r.Ok));
        Assert.InRange(merged.Sum(r => r.Ok), 150, 160);
        Assert.All(merged, r => Assert.Equal("1 Inject(40, 00:00:01, 00:00:04)", r.Phase));
        var phase = Assert.Single(PhaseMerger.Merge(coordinator.AgentMembers.Select(m => m.Finished!.Phases)));
        Assert.Equal(("1 Inject(40, 00:00:01, 00:00:04)", "Inject(40, 00:00:01, 00:00:04)", 40.0), (phase.Name, phase.Simulation, phase.Rate!.Value));
        // Both agents' totals arrived and agree with their rows.
        foreach (var agent in coordinator.AgentMembers)
            Assert.Equal(coordinator.Stats.RowsOf(agent.Id).Sum(r => r.Ok), agent.Finished!.Totals.Single().Ok);
        Assert.All(coordinator.AgentMembers, m => Assert.InRange(m.OffsetUsed!.ErrorMs, 0, 50));
        var reports = AgentReports.Build(coordinator, TimeSpan.FromSeconds(1));
        Assert.Equal(merged.Sum(r => r.Ok), reports.Sum(r => r.Scenarios.Single().Ok));
        Assert.All(reports, r => Assert.True(r.Scenarios.Single().Rps > 0));
        Assert.All(reports, r => Assert.NotNull(r.LoadStartLateMs));
        if (Environment.GetEnvironmentVariable("LOADLEAK_CLUSTER_TRACE") == "1")
            File.AppendAllLines("/tmp/cluster-trace.log", reports.Select(r => $"report: {r}"));
        Assert.Empty(coordinator.Events);
        Assert.Equal(0, coordinator.Gate.Dropped);
    }

    [RequiresNatsServerFact]
    public async Task A_killed_agent_is_lost_within_two_seconds_and_its_rows_are_kept()
    {
        await using var cluster = await ClusterHarness.StartAsync();
        await using var coordinator = await cluster.CoordinatorAsync(ClusterHarness.Settings("kill", agents: 2));
        var a = cluster.StartAgent("kill", "agent-a");
        var b = cluster.StartAgent("kill", "agent-b");
        var killedAt = 0.0;

        await ClusterHarness.RunAsync(coordinator, cluster.Input(rate: 20, seconds: 8), async () =>
        {
            await WaitUntil(() => coordinator.Stats.RowsOf("agent-b").Count >= 2, TimeSpan.FromSeconds(20));
            killedAt = Stopwatch.GetTimestamp();
            await b.Kill.CancelAsync();
            await WaitUntil(() => coordinator.Events.Any(e => e.Kind == EventKind.AgentLost), TimeSpan.FromSeconds(10));
            var detection = Stopwatch.GetElapsedTime((long)killedAt).TotalSeconds;
            Assert.True(detection < 2.0 + HeartbeatMonitor.Period.TotalSeconds, $"agent-lost after {detection:0.00} s");
        });

        var lost = Assert.Single(coordinator.Events, e => e.Kind == EventKind.AgentLost);
        Assert.Contains("agent-b", lost.Message, StringComparison.Ordinal);
        Assert.True(coordinator.AgentMembers.Single(m => m.Id == "agent-b").Lost);
        Assert.NotEmpty(coordinator.Stats.RowsOf("agent-b"));
        Assert.Equal(AgentOutcome.Interrupted, await b.Run.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(AgentOutcome.Completed, await a.Run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(coordinator.Stats.RowsOf("agent-a").Sum(r => r.Ok) + coordinator.Stats.RowsOf("agent-b").Sum(r => r.Ok),
            coordinator.Stats.MergedRows().Sum(r => r.Ok));
    }

    [RequiresNatsServerFact]
    public async Task Agents_stop_within_three_seconds_when_the_coordinator_is_gone()
    {
        await using var cluster = await ClusterHarness.StartAsync();
        var coordinator = await cluster.CoordinatorAsync(ClusterHarness.Settings("gone", agents: 1));
        var a = cluster.StartAgent("gone", "agent-a");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await coordinator.WaitForMembersAsync(timeout.Token);
        await coordinator.MeasureClocksAsync(5, timeout.Token);
        await coordinator.AssignAsync(cluster.Input(rate: 20, seconds: 30), timeout.Token);
        await coordinator.StartAsync(timeout.Token);
        await WaitUntil(() => coordinator.Stats.RowsOf("agent-a").Count >= 1, TimeSpan.FromSeconds(20));

        var goneAt = Stopwatch.GetTimestamp();
        await coordinator.DisposeAsync();
        var outcome = await a.Run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(AgentOutcome.CoordinatorLost, outcome);
        var stopped = Stopwatch.GetElapsedTime(goneAt).TotalSeconds;
        Assert.True(stopped < 3.0 + 0.5, $"the agent took {stopped:0.00} s to stop");
        var served = cluster.Target.Served;
        await Task.Delay(500);
        Assert.Equal(served, cluster.Target.Served);
    }

    [RequiresNatsServerFact]
    public async Task Stopping_early_collects_every_agents_totals_before_releasing_them()
    {
        await using var cluster = await ClusterHarness.StartAsync();
        await using var coordinator = await cluster.CoordinatorAsync(ClusterHarness.Settings("early", agents: 2));
        var a = cluster.StartAgent("early", "agent-a");
        var b = cluster.StartAgent("early", "agent-b");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await coordinator.WaitForMembersAsync(timeout.Token);
        await coordinator.MeasureClocksAsync(5, timeout.Token);
        await coordinator.AssignAsync(cluster.Input(rate: 20, seconds: 30), timeout.Token);
        await coordinator.StartAsync(timeout.Token);
        await WaitUntil(() => coordinator.Stats.MergedRows().Count >= 2, TimeSpan.FromSeconds(20));

        var stopping = Stopwatch.GetTimestamp();
        await coordinator.FinishAsync("interrupted", timeout.Token);

        Assert.True(Stopwatch.GetElapsedTime(stopping) < TimeSpan.FromSeconds(10), "collecting took the whole limit");
        Assert.Equal(AgentOutcome.Stopped, await a.Run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(AgentOutcome.Stopped, await b.Run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.All(coordinator.AgentMembers, m => Assert.NotNull(m.Finished));
        Assert.Equal(cluster.Target.Served, coordinator.Stats.MergedRows().Sum(r => r.Ok));
    }

    [RequiresNatsServerFact]
    public async Task Two_cluster_ids_on_one_server_never_see_each_other()
    {
        await using var cluster = await ClusterHarness.StartAsync();
        await using var one = await cluster.CoordinatorAsync(ClusterHarness.Settings("one", agents: 1));
        await using var two = await cluster.CoordinatorAsync(ClusterHarness.Settings("two", agents: 1));
        cluster.StartAgent("one", "agent-1");
        cluster.StartAgent("two", "agent-2");

        await Task.WhenAll(
            ClusterHarness.RunAsync(one, cluster.Input(rate: 10, seconds: 2)),
            ClusterHarness.RunAsync(two, cluster.Input(rate: 15, seconds: 2)));

        Assert.Equal(["agent-1"], one.AgentMembers.Select(m => m.Id));
        Assert.Equal(["agent-2"], two.AgentMembers.Select(m => m.Id));
        Assert.Equal(["agent-1"], one.Stats.AgentIds);
        Assert.Equal(["agent-2"], two.Stats.AgentIds);
        Assert.Equal(cluster.Target.Served, one.Stats.MergedRows().Sum(r => r.Ok) + two.Stats.MergedRows().Sum(r => r.Ok));
        Assert.Equal(0, one.Gate.Dropped);
        Assert.Equal(0, two.Gate.Dropped);
    }

    [RequiresNatsServerFact]
    public async Task A_nats_restart_mid_run_shows_as_events_and_loses_nothing()
    {
        await using var cluster = await ClusterHarness.StartAsync();
        await using var coordinator = await cluster.CoordinatorAsync(ClusterHarness.Settings("restart", agents: 2));
        var a = cluster.StartAgent("restart", "agent-a");
        var b = cluster.StartAgent("restart", "agent-b");

        await ClusterHarness.RunAsync(coordinator, cluster.Input(rate: 20, seconds: 10), async () =>
        {
            await WaitUntil(() => coordinator.Stats.MergedRows().Count >= 2, TimeSpan.FromSeconds(20));
            await cluster.Nats.RestartAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None);
        });

        var kinds = coordinator.Events.Select(e => e.Kind).ToList();
        var events = string.Join("\n", coordinator.Events.Select(e => $"{e.T:0.00} {e.Kind} {e.Message}"));
        Assert.True(kinds.Contains(EventKind.NatsDisconnected) && kinds.Contains(EventKind.NatsReconnected), events);
        Assert.False(kinds.Contains(EventKind.AgentLost), events);
        Assert.Equal(AgentOutcome.Completed, await a.Run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(AgentOutcome.Completed, await b.Run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(cluster.Target.Served, coordinator.Stats.MergedRows().Sum(r => r.Ok));
        Assert.Equal(coordinator.AgentMembers.Sum(m => m.Finished!.Totals.Single().Ok), coordinator.Stats.MergedRows().Sum(r => r.Ok));
        Assert.DoesNotContain(coordinator.Stats.MergedRows(), r => r.Phase == LoadPlan.WarmUpName);
    }

    internal static async Task WaitUntil(Func<bool> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"condition not met within {limit.TotalSeconds} s");
            await Task.Delay(50);
        }
    }
}
