using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using LoadLeak.Cluster.Nats;
using LoadLeak.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace LoadLeak.IntegrationTests.LoadLeak.Cluster;

/// <summary>
/// kill -9 of the coordinator with its members as separate processes on their own nats-server (so nothing dies with the
/// coordinator's process but the coordinator): the agent and the probe notice the silence, stop, and the probe stops the
/// target it launched. The in-process test (ClusterRunTests) covers the agent's core; this one the processes' exits.
/// </summary>
public sealed partial class CoordinatorKillTests(ITestOutputHelper output)
{
    /// <summary>
    /// The issue's 3 s for a member to notice the silence and stop, plus what a process takes to exit on a busy
    /// machine (the runtime's shutdown, the probe's stop of its target).
    /// </summary>
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(3 + 2);

    [RequiresNatsServerFact]
    public async Task Killing_the_coordinator_stops_the_agent_and_the_probe_processes_and_the_probes_target()
    {
        await using var nats = await NatsServerProcess.StartAsync(CancellationToken.None);
        var outDir = Directory.CreateTempSubdirectory("loadleak-coordinator-kill-").FullName;
        var id = "killed-" + Guid.NewGuid().ToString("N")[..8];
        using var agent = CliProcess.Start("agent", "--cluster-nats-url", nats.Url, "--cluster-id", id, "--agent-id", "agent-1");
        using var probe = CliProcess.Start("probe", "--cluster-nats-url", nats.Url, "--cluster-id", id, "--probe-id", "probe-1",
            "--out", Path.Combine(outDir, "probe"), "--target-cmd", ClusterRunCommandTests.TargetCommand(""),
            "--target-url", "http://127.0.0.1:{port}/healthz");
        using var run = CliProcess.Start("run", "--config", RepoPaths.TestConfig("http-short.json"), "--out", Path.Combine(outDir, "run"),
            "--cluster-id", id, "--cluster-nats-url", nats.Url, "--cluster-agents-count", "1", "--cluster-probe", "--cluster-timeout", "60s");
        int? targetPid = null;
        try
        {
            await WaitForAsync(() => run.StdOut.Contains("phase '", StringComparison.Ordinal), run);
            targetPid = int.Parse(TargetReady().Match(probe.StdOut).Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.True(ProcessTools.IsAlive(targetPid.Value), probe.ToString());

            run.KillNine();
            var killedAt = Stopwatch.GetTimestamp();
            TimeSpan Left() => TimeSpan.FromMilliseconds(Math.Max(1, (ExitBound - Stopwatch.GetElapsedTime(killedAt)).TotalMilliseconds));
            var agentExit = await agent.WaitAsync(ExitBound);
            var agentSeconds = Stopwatch.GetElapsedTime(killedAt).TotalSeconds;
            var probeExit = await probe.WaitAsync(Left());
            var probeSeconds = Stopwatch.GetElapsedTime(killedAt).TotalSeconds;
            var targetGone = await ProcessTools.WaitGoneAsync(targetPid.Value, Left());
            output.WriteLine($"after kill -9 of the coordinator: agent exited in {agentSeconds:0.00} s, probe in {probeSeconds:0.00} s, " +
                             $"target gone: {targetGone} ({Stopwatch.GetElapsedTime(killedAt).TotalSeconds:0.00} s)");

            Assert.True(agentExit.ExitCode == 3, agentExit.ToString());
            Assert.Contains("the coordinator stopped answering; the load was stopped", agentExit.StdErr, StringComparison.Ordinal);
            Assert.True(probeExit.ExitCode == 3, probeExit.ToString());
            Assert.Contains("the coordinator stopped answering; sampling stopped", probeExit.StdErr, StringComparison.Ordinal);
            Assert.True(targetGone, $"the probe's target {targetPid} still runs");
        }
        finally
        {
            ProcessTools.KillQuietly(targetPid);
            Directory.Delete(outDir, recursive: true);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, RunningCli run)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline || run.HasExited) throw new TimeoutException($"the run did not start its load\n{run}");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"\(pid (\d+)\) ready")]
    private static partial Regex TargetReady();
}
