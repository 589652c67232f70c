using System.Text.Json;
using LoadLeak.Cluster.Nats;
using LoadLeak.IntegrationTests.Infrastructure;

namespace LoadLeak.IntegrationTests.LoadLeak.Cluster;

/// <summary>
/// The NATS server restarted mid-run with the coordinator and two agents as separate processes: everyone reconnects,
/// the gap shows as events, no agent is lost and no streamed second is lost. ClusterRunTests has the in-process twin.
/// </summary>
public sealed class NatsRestartCliTests
{
    [RequiresNatsServerFact]
    public async Task A_nats_restart_mid_run_is_two_events_and_the_agents_totals_all_arrive()
    {
        await using var nats = await NatsServerProcess.StartAsync(CancellationToken.None);
        var outDir = Directory.CreateTempSubdirectory("loadleak-nats-restart-").FullName;
        var id = "restart-" + Guid.NewGuid().ToString("N")[..8];
        using var agent1 = CliProcess.Start("agent", "--cluster-nats-url", nats.Url, "--cluster-id", id, "--agent-id", "agent-1");
        using var agent2 = CliProcess.Start("agent", "--cluster-nats-url", nats.Url, "--cluster-id", id, "--agent-id", "agent-2");
        using var run = CliProcess.Start("run", "--config", RepoPaths.TestConfig("http-short.json"), "--out", outDir,
            "--cluster-id", id, "--cluster-nats-url", nats.Url, "--cluster-agents-count", "2", "--cluster-timeout", "60s");
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
            while (!run.StdOut.Contains("phase '2 KeepConstant", StringComparison.Ordinal))
            {
                if (DateTime.UtcNow > deadline || run.HasExited) throw new TimeoutException($"the load did not reach phase 2\n{run}");
                await Task.Delay(100);
            }
            await nats.RestartAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None);

            var result = await run.WaitAsync(TimeSpan.FromSeconds(90));

            Assert.True(result.ExitCode == 0, result.ToString());
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "run.json")));
            var root = doc.RootElement;
            Assert.Equal("complete", root.GetProperty("status").GetString());
            var kinds = root.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
            Assert.Contains("nats-disconnected", kinds);
            Assert.Contains("nats-reconnected", kinds);
            Assert.DoesNotContain("agent-lost", kinds);
            var agents = root.GetProperty("agents").EnumerateArray().ToList();
            Assert.Equal(2, agents.Count);
            Assert.All(agents, a => Assert.False(a.GetProperty("lost").GetBoolean(), result.ToString()));
            var ok = agents.Sum(a => a.GetProperty("scenarios").EnumerateArray().Single().GetProperty("ok").GetInt64());
            Assert.Equal(ok, root.GetProperty("scenarios").EnumerateArray().Single().GetProperty("ok").GetInt64());
            // Every streamed second arrived, resent if need be: the rows add up to the agents' own totals.
            var rows = root.GetProperty("intervals").EnumerateArray().Where(i => i.GetProperty("phase").GetString() != "warm-up")
                .Sum(i => i.GetProperty("ok").GetInt64());
            Assert.InRange(rows, ok * 0.99, ok * 1.01);
            Assert.Equal(0, (await agent1.WaitAsync(TimeSpan.FromSeconds(30))).ExitCode);
            Assert.Equal(0, (await agent2.WaitAsync(TimeSpan.FromSeconds(30))).ExitCode);
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }
}
