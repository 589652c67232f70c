using System.Globalization;
using LoadLeak.Cli;
using LoadLeak.Cluster.Coordinator;
using LoadLeak.Cluster.Local;
using LoadLeak.Cluster.Nats;
using LoadLeak.Cluster.Planning;
using LoadLeak.Sessions;
using LoadLeak.Targets;

namespace LoadLeak.Cluster.Running;

/// <summary>
/// `loadleak run` as a cluster's coordinator: (with --cluster-local) a private nats-server and local agents, then
/// waiting for the members and measuring their clocks, then the same session as a local run with the cluster's
/// target, sampling and load stages, and run.json's <c>agents[]</c>. What was measured before a lost agent, a
/// NATS outage or an interrupt is reported like everything else.
/// </summary>
internal static class ClusterRun
{
    private const int ClockRoundTrips = 12;

    public static async Task<RunOutcome> RunAsync(RunPlan plan, ClusterSettings settings, RunStages stages, IUserConsole console,
        CancellationToken interrupt)
    {
        OutputFolder.Prepare(plan.OutDir);
        await using var nats = settings.IsLocal ? await NatsServerProcess.StartAsync(interrupt).ConfigureAwait(false) : null;
        var endpoint = settings.Endpoint ?? new NatsEndpoint(nats!.Url);
        var interval = plan.Config.ReportingInterval ?? TimeSpan.FromSeconds(1);
        await using var coordinator = await ClusterCoordinator.ConnectAsync(settings, endpoint, console, interval, interrupt).ConfigureAwait(false);
        await using var local = settings.IsLocal ? StartLocal(plan, settings, endpoint, console) : null;
        console.Info($"cluster '{settings.ClusterId}' at {endpoint.Redacted}: waiting for {settings.AgentsCount} agent(s)" +
                     (settings.WaitForProbe ? " and a probe" : "") +
                     $" (--cluster-timeout {settings.Timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s)");
        await coordinator.WaitForMembersAsync(interrupt).ConfigureAwait(false);
        await coordinator.MeasureClocksAsync(ClockRoundTrips, interrupt).ConfigureAwait(false);

        var state = new ClusterRunState(coordinator, settings, console, interrupt);
        var clusterStages = stages with
        {
            Target = new ClusterTargetStage(state),
            Sampling = new ClusterSamplingStage(state),
            Load = new ClusterLoadStage(state),
        };
        await using var session = new RunSession(plan, console, clusterStages, interrupt);
        try
        {
            session.StartInfrastructure();
            await session.StartTargetAsync().ConfigureAwait(false);
            await session.StartSamplingAsync().ConfigureAwait(false);
            await session.RunLoadAsync().ConfigureAwait(false);
            await session.MeasureFinalAsync().ConfigureAwait(false);
            await session.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            // Members are never left waiting, whatever failed (a no-op once they were released).
            await state.FinishAsync("the coordinator stopped").ConfigureAwait(false);
        }
        var document = session.BuildDocument() with { Agents = AgentReports.Build(coordinator, interval, state.Shift) };
        var outcome = session.WriteReports(document);
        if (local is not null && !await local.WaitForExitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false))
            console.Warn("cluster: local members did not leave within 5 s; they are stopped");
        return outcome;
    }

    private static LocalMembers StartLocal(RunPlan plan, ClusterSettings settings, NatsEndpoint endpoint, IUserConsole console)
    {
        var self = SelfCommand.Current();
        var agents = LocalAgents.Start(self, endpoint, settings.ClusterId, settings.LocalAgents, plan.OutDir);
        LaunchedTarget? probe = null;
        if (settings.WaitForProbe) probe = LocalProbe.Start(self, endpoint, settings.ClusterId, plan);
        var pids = string.Join(", ", agents.Pids.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        console.Info($"cluster-local: nats-server at {endpoint.Redacted}, {settings.LocalAgents} agent(s) (pids {pids})" +
                     (probe is null ? "" : $", probe (pid {probe.Pid.ToString(CultureInfo.InvariantCulture)})") +
                     $"; their logs are in {plan.OutDir}");
        return new LocalMembers(agents, probe);
    }
}
