using LoadLeak.Cli;
using LoadLeak.Sessions;
using Spectre.Console.Cli;

namespace LoadLeak.Commands;

/// <summary>`loadleak run`: load the target while the correlator samples it, then write the reports.</summary>
internal sealed class RunCommand(IUserConsole console, Interruption interruption, RunStages stages) : AsyncCommand<RunCommand.Settings>
{
    public sealed class Settings : TargetRunSettings
    {
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var plan = RunPlanFactory.Create(settings, "loadleak " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)));
        if (settings.DryRun)
        {
            PlanPrinter.Print(console, plan, stages.Scenarios);
            return ExitCodes.Ok;
        }
        console.Info($"run {plan.RunId}: config {plan.ConfigPath}, duration scale {plan.DurationScale}, reports in {plan.OutDir}");
        await using var session = new RunSession(plan, console, stages, interruption.Token);
        var outcome = await session.RunAsync();
        RunSummary.Print(console, outcome);
        return outcome.ExitCode;
    }
}
