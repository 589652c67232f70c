using LoadLeak.Cli;
using LoadLeak.Cluster.Probes;
using LoadLeak.Results;
using Spectre.Console.Cli;

namespace LoadLeak.Cluster.Commands;

/// <summary>`loadleak probe`: on the target's host, samples the target for a cluster's coordinator.</summary>
internal sealed class ProbeCommand(IUserConsole console, Interruption interruption) : AsyncCommand<ProbeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ProbeSettings settings, CancellationToken cancellationToken)
    {
        var logDir = settings.Out is { } dir ? Path.GetFullPath(dir) : Directory.CreateTempSubdirectory("loadleak-probe-").FullName;
        var options = new ProbeOptions(settings.Endpoint, settings.ClusterId!, settings.ProbeId ?? ClusterMemberSettings.DefaultId("probe"),
            settings.TargetPid, settings.TargetCmd, settings.TargetUrl, TimeSpan.FromSeconds(settings.ReadyTimeoutSeconds), logDir,
            settings.ParsedJoinTimeout);
        var outcome = await new ProbeWorker(options, console).RunAsync(interruption.Token);
        switch (outcome)
        {
            case ProbeOutcome.Completed or ProbeOutcome.Stopped:
                console.Info($"probe {options.Id}: {outcome.ToString().ToLowerInvariant()}");
                return ExitCodes.Ok;
            case ProbeOutcome.CoordinatorLost:
                console.Error($"probe {options.Id}: the coordinator stopped answering; sampling stopped");
                return ExitCodes.InfrastructureError;
            case ProbeOutcome.NeverAssigned:
                console.Error($"probe {options.Id}: no coordinator of cluster '{options.ClusterId}' assigned work within {settings.JoinTimeout}");
                return ExitCodes.InfrastructureError;
            case ProbeOutcome.TargetFailed:
                return ExitCodes.InfrastructureError;
            default:
                return ExitCodes.Interrupted;
        }
    }
}
