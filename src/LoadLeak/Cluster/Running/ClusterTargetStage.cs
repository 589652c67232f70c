using LoadLeak.Cli;
using LoadLeak.Cluster.Coordinator;
using LoadLeak.Results;
using LoadLeak.Sessions;
using LoadLeak.Targets;

namespace LoadLeak.Cluster.Running;

/// <summary>
/// The cluster's target stage: the probe launches or attaches to the target on its host (--cluster-probe), else
/// this host does as in a local run; then every agent gets its share, with the run's placeholders ({port},
/// {kafka}), and builds (so validates) its scenarios before anything starts.
/// </summary>
internal sealed class ClusterTargetStage(ClusterRunState state) : ITargetStage
{
    public async Task<ITarget> StartAsync(RunPlan plan, Placeholders placeholders, IUserConsole console, CancellationToken ct)
    {
        var coordinator = state.Coordinator;
        ITarget target;
        if (state.HasProbe)
        {
            var ready = await coordinator.AssignProbeAsync(placeholders.Values, plan.UseEventPipe, plan.ReadyTimeout, ct).ConfigureAwait(false);
            var probe = coordinator.ProbeMember!;
            target = new RemoteTarget(ready, probe.Id, probe.Host);
            console.Info($"target: {target.Description} (pid {target.Pid})");
        }
        else
        {
            target = await LocalTargetStage.Instance.StartAsync(plan, placeholders, console, ct).ConfigureAwait(false);
        }
        try
        {
            var scenarios = plan.Config.TargetScenarios ?? plan.Config.Scenarios.Select(s => s.ScenarioName).ToList();
            // ClusterPlan refuses a cluster without a config file.
            var configPath = plan.ConfigPath ?? throw new InvalidOperationException("a cluster run without a config file");
            var input = new ClusterAssignmentInput(await File.ReadAllTextAsync(configPath, ct).ConfigureAwait(false), configPath,
                scenarios, new Dictionary<string, string>(placeholders.Values), placeholders.Values.GetValueOrDefault("kafka"), plan.DurationScale);
            await coordinator.AssignAsync(input, ct).ConfigureAwait(false);
            console.Info($"cluster '{state.Settings.ClusterId}': {coordinator.AgentMembers.Count(a => !a.Lost)} agent(s) assigned");
            return target;
        }
        catch
        {
            await target.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
