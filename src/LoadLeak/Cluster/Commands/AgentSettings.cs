using System.ComponentModel;
using LoadLeak.Cluster.Protocol;
using LoadLeak.Results;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LoadLeak.Cluster.Commands;

/// <summary>`loadleak agent` flags.</summary>
internal sealed class AgentSettings : ClusterMemberSettings
{
    [CommandOption("--agent-group <GROUP>")]
    [Description("The agent group (ClusterSettings.ManualCluster.Agent.AgentGroups) whose scenarios this agent runs.")]
    public string? AgentGroup { get; init; }

    [CommandOption("--agent-id <ID>")]
    [Description("This agent's id in reports. Default: agent-<host>-<pid>.")]
    public string? AgentId { get; init; }

    public override ValidationResult Validate()
    {
        if (AgentGroup is not null && !ClusterSubjects.IsToken(AgentGroup))
            return ValidationResult.Error($"--agent-group: expected letters, digits, '-' and '_', got '{AgentGroup}'");
        if (AgentId is not null && !ClusterSubjects.IsToken(AgentId))
            return ValidationResult.Error($"--agent-id: expected 1-64 letters, digits, '-' and '_', got '{AgentId}'");
        return base.Validate();
    }
}
