using LoadLeak.Cli;
using LoadLeak.Cluster.Agents;
using LoadLeak.Results;
using Spectre.Console.Cli;

namespace LoadLeak.Cluster.Commands;

/// <summary>`loadleak agent`: joins a cluster and runs the share of the load its coordinator assigns.</summary>
internal sealed class AgentCommand(IUserConsole console, Interruption interruption) : AsyncCommand<AgentSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, AgentSettings settings, CancellationToken cancellationToken)
    {
        var options = new AgentOptions(settings.Endpoint, settings.ClusterId!, settings.AgentGroup ?? "",
            settings.AgentId ?? ClusterMemberSettings.DefaultId("agent"), settings.ParsedJoinTimeout);
        var outcome = await new AgentWorker(options, console).RunAsync(interruption.Token);
        switch (outcome)
        {
            case AgentOutcome.Completed or AgentOutcome.Stopped:
                console.Info($"agent {options.Id}: {outcome.ToString().ToLowerInvariant()}");
                return ExitCodes.Ok;
            case AgentOutcome.CoordinatorLost:
                console.Error($"agent {options.Id}: the coordinator stopped answering; the load was stopped");
                return ExitCodes.InfrastructureError;
            case AgentOutcome.NeverAssigned:
                console.Error($"agent {options.Id}: no coordinator of cluster '{options.ClusterId}' assigned work within {settings.JoinTimeout}");
                return ExitCodes.InfrastructureError;
            case AgentOutcome.Rejected:
                return ExitCodes.UsageError;
            default:
                return ExitCodes.Interrupted;
        }
    }
}
