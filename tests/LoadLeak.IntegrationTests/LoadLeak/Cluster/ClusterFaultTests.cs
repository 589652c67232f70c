using System.Diagnostics;
using System.Text;
using LoadLeak.Cluster.Agents;
using LoadLeak.Cluster.Probes;
using LoadLeak.Cluster.Protocol;
using LoadLeak.Results;
using NATS.Client.Core;

namespace LoadLeak.IntegrationTests.LoadLeak.Cluster;

/// <summary>Strangers on the subjects, and members that never come.</summary>
public sealed class ClusterFaultTests
{
    [RequiresNatsServerFact]
    public async Task Malformed_and_foreign_messages_are_counted_and_ignored()
    {
        await using var cluster = await ClusterHarness.StartAsync();
        await using var coordinator = await cluster.CoordinatorAsync(ClusterHarness.Settings("strangers", agents: 1));
        var a = cluster.StartAgent("strangers", "agent-a");
        await using var stranger = new NatsConnection(NatsOpts.Default with { Url = cluster.Nats.Url });
        await stranger.ConnectAsync();
        var subjects = new ClusterSubjects("strangers");
        byte[][] garbage =
        [
            Encoding.UTF8.GetBytes("not json"),
            Encoding.UTF8.GetBytes("{\"type\":\"interval-stats\",\"v\":1,\"clusterId\":\"strangers\",\"ok\":\"x\"}"),
            Encoding.UTF8.GetBytes("{\"type\":\"agent-hello\",\"v\":1,\"clusterId\":\"strangers\",\"from\":\"x\",\"id\":\"y\",\"pid\":1}"),
            ClusterCodec.Encode(new StopRun("from another cluster", true) { ClusterId = "other" }),
            ClusterCodec.Encode(new StopRun("from the future", true) { ClusterId = "strangers", V = 2 }),
            [],
        ];

        await ClusterHarness.RunAsync(coordinator, cluster.Input(rate: 20, seconds: 3), async () =>
        {
            foreach (var subject in new[] { subjects.Stats, subjects.Hello, subjects.Probe, subjects.Broadcast, subjects.Member("agent-a") })
            {
                foreach (var payload in garbage) await stranger.PublishAsync(subject, payload);
            }
        });

        Assert.Equal(AgentOutcome.Completed, await a.Run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(coordinator.Gate.Malformed >= 3 * 3, coordinator.Gate.ToString());
        Assert.True(coordinator.Gate.Foreign >= 3, coordinator.Gate.ToString());
        Assert.True(coordinator.Gate.OtherVersion >= 3, coordinator.Gate.ToString());
        Assert.Equal(cluster.Target.Served, coordinator.Stats.MergedRows().Sum(r => r.Ok));
        Assert.Equal(["agent-a"], coordinator.AgentMembers.Select(m => m.Id));
    }

    [RequiresNatsServerFact]
    public async Task Waiting_names_what_is_missing_after_the_timeout()
    {
        await using var cluster = await ClusterHarness.StartAsync();
        var settings = ClusterHarness.Settings("missing", agents: 2, probe: true) with { Timeout = TimeSpan.FromSeconds(2) };
        await using var coordinator = await cluster.CoordinatorAsync(settings);
        cluster.StartAgent("missing", "agent-a");

        var error = await Assert.ThrowsAsync<global::LoadLeak.Cli.InfrastructureException>(() => coordinator.WaitForMembersAsync(CancellationToken.None));

        Assert.Contains("1 of 2 agents joined", error.Message, StringComparison.Ordinal);
        Assert.Contains("no probe joined", error.Message, StringComparison.Ordinal);
        Assert.Contains("--cluster-timeout", error.Message, StringComparison.Ordinal);
    }
}
