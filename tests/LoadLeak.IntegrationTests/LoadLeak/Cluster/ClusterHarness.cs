using LoadLeak.Cli;
using LoadLeak.Cluster.Agents;
using LoadLeak.Cluster.Coordinator;
using LoadLeak.Cluster.Nats;
using LoadLeak.Cluster.Planning;
using LoadLeak.Cluster.Probes;
using LoadLeak.Results;
using LoadLeak.Tests.Shared;

namespace LoadLeak.IntegrationTests.LoadLeak.Cluster;

/// <summary>
/// A real nats-server, a counting HTTP target, a coordinator and in-process agents (the real worker classes
/// over real NATS). Disposing stops every agent and the server.
/// </summary>
internal sealed class ClusterHarness : IAsyncDisposable
{
    private readonly List<(AgentWorker Worker, CancellationTokenSource Kill, Task<AgentOutcome> Run)> _agents = [];
    private readonly List<(CancellationTokenSource Kill, Task<ProbeOutcome> Run)> _probes = [];

    private ClusterHarness(NatsServerProcess nats, CountingHttpServer target)
    {
        Nats = nats;
        Target = target;
    }

    public NatsServerProcess Nats { get; }
    public CountingHttpServer Target { get; }
    public RecordingUserConsole Console { get; } = new();
    public NatsEndpoint Endpoint => new(Nats.Url);

    public static async Task<ClusterHarness> StartAsync()
    {
        var nats = await NatsServerProcess.StartAsync(CancellationToken.None);
        return new ClusterHarness(nats, await CountingHttpServer.StartAsync());
    }

    public static ClusterSettings Settings(string clusterId, int agents, bool probe = false) =>
        new(clusterId, null, agents, [new AgentGroup(AgentGroup.AnyGroup, ["http"])], probe, TimeSpan.FromSeconds(20), 0);

    public Task<ClusterCoordinator> CoordinatorAsync(ClusterSettings settings) =>
        ClusterCoordinator.ConnectAsync(settings, Endpoint, Console, TimeSpan.FromSeconds(1), CancellationToken.None);

    public (string Id, CancellationTokenSource Kill, Task<AgentOutcome> Run) StartAgent(string clusterId, string id)
    {
        var worker = new AgentWorker(new AgentOptions(Endpoint, clusterId, "", id, TimeSpan.FromSeconds(60)), Console);
        var kill = new CancellationTokenSource();
        var run = Task.Run(() => worker.RunAsync(kill.Token));
        _agents.Add((worker, kill, run));
        return (id, kill, run);
    }

    public (CancellationTokenSource Kill, Task<ProbeOutcome> Run) StartProbe(string clusterId, string id, int targetPid)
    {
        var options = new ProbeOptions(Endpoint, clusterId, id, targetPid, null, null, TimeSpan.FromSeconds(10), Path.GetTempPath(),
            TimeSpan.FromSeconds(60));
        var kill = new CancellationTokenSource();
        var run = Task.Run(() => new ProbeWorker(options, Console).RunAsync(kill.Token));
        _probes.Add((kill, run));
        return (kill, run);
    }

    /// <summary>An open-model HTTP scenario against the counting target: a known number of requests.</summary>
    public ClusterAssignmentInput Input(int rate, int seconds) => new(Config(rate, seconds), "cluster-test.json", ["http"],
        new Dictionary<string, string> { ["port"] = Target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) }, null, 1.0);

    public static string Config(int rate, int seconds) => $$"""
        {
          "TestName": "cluster-test",
          "GlobalSettings": { "ScenariosSettings": [ {
            "ScenarioName": "http",
            "LoadSimulationsSettings": [ { "Inject": [{{rate}}, "00:00:01", "00:00:{{seconds:00}}"] } ],
            "CustomSettings": { "Protocol": "http", "Url": "http://127.0.0.1:{port}/api/query" }
          } ] }
        }
        """;

    /// <summary>Runs a cluster from waiting to collecting, the probe included when one joined.</summary>
    public static async Task RunAsync(ClusterCoordinator coordinator, ClusterAssignmentInput input, Func<Task>? during = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await coordinator.WaitForMembersAsync(timeout.Token);
        await coordinator.MeasureClocksAsync(10, timeout.Token);
        await coordinator.AssignAsync(input, timeout.Token);
        if (coordinator.ProbeMember is not null)
            await coordinator.AssignProbeAsync(input.Placeholders, true, TimeSpan.FromSeconds(10), timeout.Token);
        await coordinator.StartAsync(timeout.Token);
        if (during is not null) await during();
        Assert.True(await coordinator.WaitForAgentsAsync(TimeSpan.FromSeconds(60), timeout.Token), "the agents did not finish in time");
        await coordinator.FinishAsync("done", timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, kill, _) in _agents) await kill.CancelAsync();
        foreach (var (kill, _) in _probes) await kill.CancelAsync();
        await Task.WhenAll(_agents.Select(a => a.Run).Concat<Task>(_probes.Select(p => p.Run))).WaitAsync(TimeSpan.FromSeconds(15))
            .ContinueWith(_ => { }, TaskScheduler.Default);
        foreach (var (_, kill, _) in _agents) kill.Dispose();
        foreach (var (kill, _) in _probes) kill.Dispose();
        await Target.DisposeAsync();
        await Nats.DisposeAsync();
        if (Environment.GetEnvironmentVariable("LOADLEAK_CLUSTER_TRACE") == "1")
            File.AppendAllLines("/tmp/cluster-trace.log", Console.Lines);
    }
}
