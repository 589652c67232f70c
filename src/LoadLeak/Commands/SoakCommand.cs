using System.ComponentModel;
using LoadLeak.Cli;
using LoadLeak.Correlator.Soak;
using LoadLeak.Sessions;
using LoadLeak.Soak;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LoadLeak.Commands;

/// <summary>
/// `loadleak soak --duration 1h`: a steady load for a long time, a full GC and retained-heap reading
/// every --gc-every, and a forecast of when memory runs out if it trends up.
/// </summary>
internal sealed class SoakCommand(IUserConsole console, Interruption interruption, RunStages stages) : AsyncCommand<SoakCommand.Settings>
{
    public sealed class Settings : TargetRunSettings
    {
        [CommandOption("--duration <DURATION>")]
        [Description("Required. How long to hold the load: 1h, 90m, 45s, 1h30m or hh:mm:ss.")]
        public string Duration { get; init; } = "";

        [CommandOption("--copies <N>")]
        [Description("Concurrent copies per scenario to hold. Default: each scenario's highest copies (10 when it names none); " +
            "open-model scenarios hold their highest rate instead.")]
        public int? Copies { get; init; }

        [CommandOption("--gc-every <DURATION>")]
        [Description("Force a full GC in the target and record the retained heap this often.")]
        [DefaultValue("60s")]
        public string GcEvery { get; init; } = "60s";

        [CommandOption("--no-snapshots")]
        [Description("Soak takes heap snapshots (start, midway, end) by default; this turns them off.")]
        public bool NoSnapshots { get; init; }

        public TimeSpan ParsedDuration => DurationParser.TryParse(Duration, out var d) ? d : TimeSpan.Zero;
        public TimeSpan ParsedGcEvery => DurationParser.TryParse(GcEvery, out var d) ? d : TimeSpan.Zero;

        public override ValidationResult Validate()
        {
            var baseResult = base.Validate();
            if (!baseResult.Successful) return baseResult;
            if (!DurationParser.TryParse(Duration, out var duration))
                return ValidationResult.Error($"--duration: expected a duration such as 1h, 90m, 45s or 01:00:00, got '{Duration}'");
            if (duration > TimeSpan.FromDays(7))
                return ValidationResult.Error($"--duration: at most 7 days, got {duration}");
            if (!DurationParser.TryParse(GcEvery, out var every) || every < TimeSpan.FromSeconds(5))
                return ValidationResult.Error($"--gc-every: expected a duration of at least 5s, got '{GcEvery}'");
            if (Copies is < 1 or > 100_000)
                return ValidationResult.Error($"--copies: expected 1..100000, got {Copies}");
            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var commandLine = "loadleak " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1));
        var plan = RunPlanFactory.Create(settings, commandLine, stages.Scenarios);
        var soak = new SoakPlan(settings.ParsedDuration * plan.DurationScale, settings.Copies, settings.ParsedGcEvery);
        plan = plan with { Soak = soak, Snapshots = !settings.NoSnapshots };
        if (Cluster.Running.ClusterPlan.SoakWarning(plan) is { } ignored) console.Warn(ignored);
        if (settings.DryRun)
        {
            PlanPrinter.Print(console, plan, stages.Scenarios);
            return ExitCodes.Ok;
        }
        foreach (var note in plan.Notes) console.Info(note);
        console.Info($"soak {plan.RunId}: {soak.Duration} of steady load, full GC every {soak.GcEvery}, reports in {plan.OutDir}");
        await using var session = new RunSession(plan, console, stages, interruption.Token);
        var outcome = await session.RunAsync();
        RunSummary.Print(console, outcome);
        if (outcome.Document.Soak?.ForecastSecondsToExhaustion is { } seconds)
            console.Info($"forecast: at the measured rate, memory runs out {TimeSpan.FromSeconds(seconds):d\\.hh\\:mm} (d.hh:mm) after the run");
        return outcome.ExitCode;
    }
}
