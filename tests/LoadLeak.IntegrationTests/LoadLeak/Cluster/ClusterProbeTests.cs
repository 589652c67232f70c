using System.Diagnostics;
using LoadLeak.Cluster.Agents;
using LoadLeak.Cluster.Probes;
using LoadLeak.IntegrationTests.Correlator.Forensics;
using LoadLeak.Results;

namespace LoadLeak.IntegrationTests.LoadLeak.Cluster;

/// <summary>The probe worker on real processes, for the in-process coordinator core.</summary>
public sealed class ClusterProbeTests
{
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
    public async Task The_probe_induces_full_GCs_in_a_dotnet_target_when_asked()
    {
        await using var cluster = await ClusterHarness.StartAsync();
        await using var leaky = await LeakyProcess.StartAsync("clean");
        await using var coordinator = await cluster.CoordinatorAsync(ClusterHarness.Settings("gc", agents: 1, probe: true));
        cluster.StartAgent("gc", "agent-a");
        var probe = cluster.StartProbe("gc", "probe-1", leaky.Pid);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        global::LoadLeak.Results.RetainedMark? mark = null;

        await ClusterHarness.RunAsync(coordinator, cluster.Input(rate: 10, seconds: 4), async () =>
        {
            await ClusterRunTests.WaitUntil(() => coordinator.Probe.LiveSamples >= 1, TimeSpan.FromSeconds(20));
            mark = await coordinator.ProbeGcAsync("1 Inject(10, 00:00:01, 00:00:04)", "phase-end", timeout.Token);
        });

        Assert.Equal(ProbeOutcome.Completed, await probe.Run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.NotNull(mark);
        Assert.True(mark.HeapBytes > 0);
        Assert.InRange(mark.T, 0, 30);
        var result = coordinator.Probe.ToResult();
        Assert.True(result.IsDotNet);
        Assert.Equal(mark, Assert.Single(result.Retained));
        Assert.Contains(result.Samples, s => s.GcHeapBytes > 0);
    }

    [RequiresNatsServerFact]
    public async Task A_target_the_probe_launched_gets_the_coordinators_placeholders_and_is_stopped_at_the_end()
    {
        await using var cluster = await ClusterHarness.StartAsync();
        var settings = ClusterHarness.Settings("launch", agents: 1, probe: true);
        await using var coordinator = await cluster.CoordinatorAsync(settings);
        cluster.StartAgent("launch", "agent-a");
        var logDir = Directory.CreateTempSubdirectory("loadleak-probe-").FullName;
        var options = new ProbeOptions(cluster.Endpoint, "launch", "probe-1", null, "sleep {seconds}", null, TimeSpan.FromSeconds(10), logDir,
            TimeSpan.FromSeconds(60));
        var probe = Task.Run(() => new ProbeWorker(options, cluster.Console).RunAsync(CancellationToken.None));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        await coordinator.WaitForMembersAsync(timeout.Token);
        await coordinator.MeasureClocksAsync(5, timeout.Token);
        var input = cluster.Input(rate: 10, seconds: 2);
        await coordinator.AssignAsync(input, timeout.Token);
        var ready = await coordinator.AssignProbeAsync(new Dictionary<string, string>(input.Placeholders) { ["seconds"] = "120" }, true,
            TimeSpan.FromSeconds(10), timeout.Token);
        // EndsWith: the launcher may still be setpriv, which execs the command in the same process.
        Assert.EndsWith("sleep 120", File.ReadAllText($"/proc/{ready.Pid}/cmdline").Replace('\0', ' ').Trim());
        await coordinator.StartAsync(timeout.Token);
        Assert.True(await coordinator.WaitForAgentsAsync(TimeSpan.FromSeconds(30), timeout.Token));
        await coordinator.FinishAsync("done", timeout.Token);

        Assert.Equal(ProbeOutcome.Completed, await probe.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.False(Directory.Exists($"/proc/{ready.Pid}") && !File.ReadAllText($"/proc/{ready.Pid}/stat").Contains(") Z ", StringComparison.Ordinal),
            "the launched target is stopped");
        Assert.True(coordinator.Probe.IsFinished);
        Directory.Delete(logDir, recursive: true);
    }
}
