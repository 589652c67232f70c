using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using LoadLeak.Cluster.Nats;
using LoadLeak.IntegrationTests.Infrastructure;

namespace LoadLeak.IntegrationTests.LoadLeak.Cluster;

/// <summary>`loadleak run` as a cluster's coordinator, end to end: real nats-server, agent and probe processes, a real target.</summary>
public sealed partial class ClusterRunCommandTests
{
    internal static string TargetCommand(string extra) =>
        $"dotnet \"{Path.Combine(RepoPaths.Root, "samples", "TargetService", "bin", RepoPaths.Configuration, "net10.0", "TargetService.dll")}\" " +
        "--port {port} --grpc-port {grpcPort}" + extra;

    [RequiresNatsServerFact]
    public async Task Cluster_local_with_a_probe_finds_the_leak_only_the_probe_sees_and_reports_both_agents()
    {
        var outDir = NewOutDir();
        var result = await CliProcess.RunAsync(TimeSpan.FromSeconds(240),
            "run", "--config", RepoPaths.TestConfig("cluster-probe.json"), "--out", outDir, "--cluster-local", "2", "--cluster-probe", "--snapshots",
            "--target-cmd", TargetCommand(" --leak static-cache"), "--target-url", "http://127.0.0.1:{port}/healthz");

        Assert.True(File.Exists(Path.Combine(outDir, "run.json")), result.ToString());
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "run.json")));
        var root = doc.RootElement;
        Assert.True(root.GetProperty("leak").GetProperty("verdict").GetString() == "leak", result.ToString());
        Assert.Equal(1, result.ExitCode);
        var agents = root.GetProperty("agents").EnumerateArray().ToList();
        Assert.Equal(["local-1", "local-2"], agents.Select(a => a.GetProperty("id").GetString()));
        var perAgent = agents.Select(a => a.GetProperty("scenarios").EnumerateArray().Single().GetProperty("ok").GetInt64()).ToList();
        Assert.All(perAgent, ok => Assert.True(ok > 100, result.ToString()));
        Assert.All(agents, a => Assert.InRange(a.GetProperty("clockErrorMs").GetDouble(), 0, 50));
        Assert.All(agents, a => Assert.False(a.GetProperty("lost").GetBoolean()));
        Assert.All(agents, a => Assert.True(a.GetProperty("intervals").GetArrayLength() >= 30, "each agent's throughput per interval"));
        var scenario = root.GetProperty("scenarios").EnumerateArray().Single();
        Assert.Equal(perAgent.Sum(), scenario.GetProperty("ok").GetInt64());
        // Rows count an iteration in the tick it ended; totals count it by its phase: the two may differ by the few at the warm-up's end.
        var measuredRows = root.GetProperty("intervals").EnumerateArray().Where(i => i.GetProperty("phase").GetString() != "warm-up")
            .Sum(i => i.GetProperty("ok").GetInt64());
        Assert.InRange(measuredRows, perAgent.Sum() * 0.995, perAgent.Sum() * 1.005);
        // The probe's samples are on the run's clock: inside the run, heap figures from EventPipe on the probe's host.
        var samples = root.GetProperty("samples").EnumerateArray().ToList();
        Assert.True(samples.Count >= 30, $"only {samples.Count} samples\n{result}");
        Assert.All(samples, s => Assert.InRange(s.GetProperty("t").GetDouble(), 0, root.GetProperty("durationSeconds").GetDouble() + 1.01));
        Assert.True(root.GetProperty("retained").GetArrayLength() >= 3, "induced GCs through the probe");
        // --snapshots: the probe dumped the target on its host at the coordinator's schedule and sent back only the diff.
        var heap = root.GetProperty("heap");
        Assert.Equal(["baseline", "peak", "after-cool-down"],
            heap.GetProperty("snapshots").EnumerateArray().Select(s => s.GetProperty("label").GetString()));
        Assert.All(heap.GetProperty("snapshots").EnumerateArray(),
            s => Assert.InRange(s.GetProperty("t").GetDouble(), 0, root.GetProperty("durationSeconds").GetDouble() + 30));
        Assert.Contains(heap.GetProperty("topGrowers").EnumerateArray(), g => g.GetProperty("survivesCoolDown").GetBoolean());
        Assert.Empty(Directory.GetFiles(outDir, "*.dmp", SearchOption.AllDirectories));
        // The agents' engines hand over their interval histograms, so the merged percentiles are exact.
        var notes = root.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.DoesNotContain(notes, n => n.Contains("without latency histograms", StringComparison.Ordinal));
        var html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Assert.Contains("Cluster agents", html, StringComparison.Ordinal);
        Assert.Contains("Throughput per agent", html, StringComparison.Ordinal);
        Assert.Contains("probe local-probe: completed", File.ReadAllText(Path.Combine(outDir, "probe.log")), StringComparison.Ordinal);
        Directory.Delete(outDir, recursive: true);
    }

    [RequiresNatsServerFact]
    public async Task An_agent_killed_mid_run_is_an_event_the_run_goes_on_and_its_rows_are_kept()
    {
        var outDir = NewOutDir();
        using var run = CliProcess.Start("run", "--config", RepoPaths.TestConfig("http-short.json"), "--out", outDir, "--cluster-local", "2");
        var pids = await WaitForAsync(() => AgentPids().Match(run.StdOut) is { Success: true } m ? m : null, TimeSpan.FromSeconds(90), run);
        await WaitForAsync(() => run.StdOut.Contains("phase '2 KeepConstant", StringComparison.Ordinal) ? "" : null, TimeSpan.FromSeconds(90), run);
        Process.GetProcessById(int.Parse(pids.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)).Kill();

        var result = await run.WaitAsync(TimeSpan.FromSeconds(120));

        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "run.json")));
        var root = doc.RootElement;
        var lost = root.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "agent-lost");
        Assert.Contains("local-2", lost.GetProperty("message").GetString(), StringComparison.Ordinal);
        var agents = root.GetProperty("agents").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!);
        Assert.True(agents["local-2"].GetProperty("lost").GetBoolean());
        Assert.False(agents["local-1"].GetProperty("lost").GetBoolean());
        var ok = agents.Values.Sum(a => a.GetProperty("scenarios").EnumerateArray().Single().GetProperty("ok").GetInt64());
        var lostOk = agents["local-2"].GetProperty("scenarios").EnumerateArray().Single().GetProperty("ok").GetInt64();
        Assert.True(lostOk > 0, "the lost agent's rows are kept");
        Assert.Equal(ok, root.GetProperty("scenarios").EnumerateArray().Single().GetProperty("ok").GetInt64());
        Directory.Delete(outDir, recursive: true);
    }

    [RequiresNatsServerFact]
    public async Task Ctrl_c_stops_the_agents_and_reports_what_was_measured()
    {
        var outDir = NewOutDir();
        using var run = CliProcess.Start("run", "--config", RepoPaths.TestConfig("http-short.json"), "--out", outDir, "--cluster-local", "2");
        var pids = await WaitForAsync(() => AgentPids().Match(run.StdOut) is { Success: true } m ? m : null, TimeSpan.FromSeconds(90), run);
        await WaitForAsync(() => run.StdOut.Contains("phase '2 KeepConstant", StringComparison.Ordinal) ? "" : null, TimeSpan.FromSeconds(90), run);
        ProcessTools.Signal(run.Pid, 2); // SIGINT, as Ctrl-C sends it

        var result = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(130, result.ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "run.json")));
        var root = doc.RootElement;
        Assert.Equal("interrupted", root.GetProperty("status").GetString());
        Assert.Contains(root.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "interrupted");
        var agents = root.GetProperty("agents").EnumerateArray().ToList();
        Assert.Equal(2, agents.Count);
        var ok = agents.Sum(a => a.GetProperty("scenarios").EnumerateArray().Single().GetProperty("ok").GetInt64());
        Assert.True(ok > 0, result.ToString());
        Assert.Equal(ok, root.GetProperty("scenarios").EnumerateArray().Single().GetProperty("ok").GetInt64());
        foreach (var pid in new[] { pids.Groups[1].Value, pids.Groups[2].Value })
            Assert.True(await ProcessTools.WaitGoneAsync(int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromSeconds(5)),
                $"agent {pid} still runs");
        Directory.Delete(outDir, recursive: true);
    }

    [RequiresNatsServerFact]
    public async Task Missing_agents_after_the_cluster_timeout_exit_3_naming_what_is_missing()
    {
        await using var nats = await NatsServerProcess.StartAsync(CancellationToken.None);
        var result = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "run", "--config", RepoPaths.TestConfig("http-short.json"),
            "--out", NewOutDir(), "--cluster-id", "lonely", "--cluster-nats-url", nats.Url, "--cluster-agents-count", "2", "--cluster-probe",
            "--cluster-timeout", "2s");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("0 of 2 agents joined", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("no probe joined", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("--cluster-timeout", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--cluster-local", "0", "--cluster-local")]
    [InlineData("--cluster-nats-url", "http://x", "--cluster-nats-url")]
    [InlineData("--cluster-timeout", "soon", "--cluster-timeout")]
    [InlineData("--cluster-agents-count", "0", "--cluster-agents-count")]
    [InlineData("--cluster-id", "a b", "--cluster-id")]
    public async Task Bad_cluster_flags_are_usage_errors_naming_the_flag(string flag, string value, string named)
    {
        var args = new List<string> { "run", "--config", RepoPaths.TestConfig("http-short.json"), "--dry-run", flag, value };
        if (flag != "--cluster-id" && flag != "--cluster-local") args.AddRange(["--cluster-id", "x"]);
        if (flag is "--cluster-timeout" or "--cluster-agents-count") args.AddRange(["--cluster-nats-url", "nats://127.0.0.1:4222"]);
        var result = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), [.. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
    }

    private static string NewOutDir() => Path.Combine(Path.GetTempPath(), "loadleak-cluster-it-" + Guid.NewGuid().ToString("N"));

    private static async Task<T> WaitForAsync<T>(Func<T?> probe, TimeSpan limit, RunningCli run) where T : class
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            if (probe() is { } value) return value;
            if (DateTime.UtcNow > deadline || run.HasExited) throw new TimeoutException($"not seen within {limit.TotalSeconds} s\n{run}");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"agent\(s\) \(pids (\d+), (\d+)\)")]
    private static partial Regex AgentPids();
}
