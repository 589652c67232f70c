using System.ComponentModel;
using LoadLeak.Cli;
using LoadLeak.Cluster.Planning;
using LoadLeak.Cluster.Running;
using LoadLeak.Sessions;
using Spectre.Console.Cli;

namespace LoadLeak.Commands;

/// <summary>`loadleak run`: load the target while the correlator samples it, then write the reports.</summary>
internal sealed class RunCommand(IUserConsole console, Interruption interruption, RunStages stages) : AsyncCommand<RunCommand.Settings>
{
    public sealed class Settings : TargetRunSettings
    {
        [CommandOption("--cluster-id <ID>")]
        [Description("Coordinate a cluster: agents (loadleak agent) and a probe join this id through NATS (NBomber's --cluster-id).")]
        public string? ClusterId { get; init; }

        [CommandOption("--cluster-agents-count <N>")]
        [Description("How many agents to wait for before the load starts. Default: ClusterSettings' AgentsCount, else 1.")]
        public int? ClusterAgentsCount { get; init; }

        [CommandOption("--cluster-nats-url <URL>")]
        [Description("The NATS server of the cluster: nats://host:4222, nats://user:password@host, nats://token@host, tls://host.")]
        public string? ClusterNatsUrl { get; init; }

        [CommandOption("--cluster-nats-creds <FILE>")]
        [Description("NATS credentials file (JWT and NKey seed).")]
        public string? ClusterNatsCreds { get; init; }

        [CommandOption("--cluster-probe")]
        [Description("Wait for a probe (loadleak probe) on the target's host: it runs and samples the target there.")]
        public bool ClusterProbe { get; init; }

        [CommandOption("--cluster-timeout <DURATION>")]
        [Description("How long to wait for the agents (and the probe) to join, e.g. 90s. Default: 60s.")]
        public string? ClusterTimeout { get; init; }

        [CommandOption("--cluster-local <N>")]
        [Description("Try a cluster on this machine: starts nats-server from PATH and N local agents (and the probe with --cluster-probe).")]
        public int? ClusterLocal { get; init; }

        internal ClusterFlags ClusterFlags => new(ClusterId, ClusterAgentsCount, ClusterNatsUrl, ClusterProbe, ClusterTimeout, ClusterLocal,
            ClusterNatsCreds);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var commandLine = "loadleak " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1));
        var plan = RunPlanFactory.Create(settings, commandLine, stages.Scenarios);
        foreach (var note in plan.Notes) console.Info(note);
        var cluster = ClusterPlan.Parse(plan, settings.ClusterFlags);
        if (settings.DryRun)
        {
            PlanPrinter.Print(console, plan, stages.Scenarios);
            if (cluster is not null) ClusterPlan.Print(console, cluster);
            return ExitCodes.Ok;
        }
        console.Info($"run {plan.RunId}: config {plan.ConfigLabel}, duration scale {plan.DurationScale}, reports in {plan.OutDir}");
        RunOutcome outcome;
        if (cluster is not null)
        {
            outcome = await ClusterRun.RunAsync(plan, cluster, stages, console, interruption.Token);
        }
        else
        {
            await using var session = new RunSession(plan, console, stages, interruption.Token);
            outcome = await session.RunAsync();
        }
        RunSummary.Print(console, outcome);
        return outcome.ExitCode;
    }
}
