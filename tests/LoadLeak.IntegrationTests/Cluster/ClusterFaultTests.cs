using System.Diagnostics;
using System.Text;
using LoadLeak.Cluster.Agents;
using LoadLeak.Cluster.Probes;
using LoadLeak.Cluster.Protocol;
using NATS.Client.Core;

namespace LoadLeak.IntegrationTests.Cluster;

/// <summary>Strangers on the subjects, and the probe on a real process.</summary>
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
    public async Task The_probe_samples_its_target_on_the_run_clock_and_sends_its_table()
    {
        await using var cluster = await ClusterHarness.StartAsync();
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        try
        {
            await using var coordinator = await cluster.CoordinatorAsync(ClusterHarness.Settings("probe", agents: 1, probe: true));
            var a = cluster.StartAgent("probe", "agent-a");
            var probe = cluster.StartProbe("probe", "probe-1", sleeper.Id);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

            await ClusterHarness.RunAsync(coordinator, cluster.Input(rate: 10, seconds: 4), async () =>
            {
                Assert.Null(await coordinator.ProbeGcAsync("1 Inject", "not .NET", timeout.Token));
            });

            Assert.Equal(ProbeOutcome.Completed, await probe.Run.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal(AgentOutcome.Completed, await a.Run.WaitAsync(TimeSpan.FromSeconds(10)));
            var result = coordinator.Probe.ToResult();
            Assert.True(coordinator.Probe.IsFinished);
            Assert.True(result.Samples.Count >= 3, $"{result.Samples.Count} samples");
            Assert.All(result.Samples, s => Assert.InRange(s.T, 0, 30));
            Assert.Contains(result.Samples, s => s.RssBytes > 0);
            Assert.False(result.IsDotNet);
            Assert.Contains(result.Notes, n => n.Contains("/proc figures only", StringComparison.Ordinal));
            Assert.False(sleeper.HasExited, "an attached target is never stopped");
        }
        finally
        {
            sleeper.Kill();
        }
    }

    [RequiresNatsServerFact]
    public async Task Waiting_names_what_is_missing_after_the_timeout()
    {
        await using var cluster = await ClusterHarness.StartAsync();
        var settings = ClusterHarness.Settings("missing", agents: 2, probe: true) with { Timeout = TimeSpan.FromSeconds(2) };
        await using var coordinator = await cluster.CoordinatorAsync(settings);
        cluster.StartAgent("missing", "agent-a");

        var error = await Assert.ThrowsAsync<LoadLeak.Cli.InfrastructureException>(() => coordinator.WaitForMembersAsync(CancellationToken.None));

        Assert.Contains("1 of 2 agents joined", error.Message, StringComparison.Ordinal);
        Assert.Contains("no probe joined", error.Message, StringComparison.Ordinal);
        Assert.Contains("--cluster-timeout", error.Message, StringComparison.Ordinal);
    }
}
