using LoadLeak.Cli;
using LoadLeak.Running;
using LoadLeak.Soak;
using Spectre.Console.Cli;

namespace LoadLeak.Commands;

/// <summary>
/// `loadleak soak --duration 1h`: a steady load for a long time, a full GC and retained-heap reading
/// every --gc-every, and a forecast of when memory runs out if it trends up.
/// </summary>
public sealed class SoakCommand(IUserConsole console, Interruption interruption, RunStages stages) : AsyncCommand<SoakSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SoakSettings settings, CancellationToken cancellationToken)
    {
        var plan = RunPlanFactory.Create(settings, "loadleak " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)));
        var soak = new SoakPlan(settings.ParsedDuration * plan.DurationScale, settings.Copies, settings.ParsedGcEvery);
        plan = plan with { Soak = soak, Snapshots = !settings.NoSnapshots };
        if (settings.DryRun)
        {
            PlanPrinter.Print(console, plan, stages.Scenarios);
            return ExitCodes.Ok;
        }
        console.Info($"soak {plan.RunId}: {soak.Duration} of steady load, full GC every {soak.GcEvery}, reports in {plan.OutDir}");
        await using var session = new RunSession(plan, console, stages, interruption.Token);
        var outcome = await session.RunAsync();
        RunSummary.Print(console, outcome);
        if (outcome.Document.Soak?.ForecastSecondsToExhaustion is { } seconds)
            console.Info($"forecast: at the measured rate, memory runs out {TimeSpan.FromSeconds(seconds):d\\.hh\\:mm} (d.hh:mm) after the run");
        return outcome.ExitCode;
    }
}
