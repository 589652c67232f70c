using System.ComponentModel;
using LoadLeak.Cli;
using LoadLeak.Correlator.Comparing;
using LoadLeak.Reporting.Comparing;
using LoadLeak.Reporting.Exporting;
using LoadLeak.Results;
using LoadLeak.Sessions;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LoadLeak.Commands;

/// <summary>
/// `loadleak compare`: the same config, with the same load, against each candidate in turn — each
/// started fresh, repeats interleaved so drift on a shared machine hits every candidate alike.
/// </summary>
internal sealed class CompareCommand(IUserConsole console, Interruption interruption, RunStages stages) : AsyncCommand<CompareCommand.Settings>
{
    public sealed class Settings : TargetRunSettings
    {
        [CommandOption("--candidate <NAME=COMMAND>")]
        [Description("A candidate to compare: NAME=\"COMMAND\" ({port}, {grpcPort}, {kafka} are filled in). "
                     + "Repeat for each; the first is the baseline.")]
        public string[] Candidates { get; init; } = [];

        [CommandOption("--repeat <N>")]
        [Description("Run each candidate N times, interleaved, to estimate run-to-run noise.")]
        [DefaultValue(1)]
        public int Repeat { get; init; } = 1;

        public IReadOnlyList<(string Name, string Command)> ParsedCandidates =>
            Candidates.Select(c => c.Split('=', 2)).Select(p => (p[0].Trim(), p[1].Trim())).ToArray();

        public override ValidationResult Validate()
        {
            var baseResult = base.Validate();
            if (!baseResult.Successful) return baseResult;
            if (TargetPid is not null || TargetCmd is not null)
                return ValidationResult.Error("--target-pid/--target-cmd: compare launches each --candidate itself; give the commands there");
            if (Candidates.Length < 2)
                return ValidationResult.Error($"--candidate: give at least two candidates as NAME=\"COMMAND\", got {Candidates.Length}");
            foreach (var candidate in Candidates)
            {
                var parts = candidate.Split('=', 2);
                if (parts.Length != 2 || parts[0].Trim().Length == 0 || parts[1].Trim().Length == 0)
                    return ValidationResult.Error($"--candidate: expected NAME=\"COMMAND\", got '{candidate}'");
                if (parts[0].Trim().IndexOfAny(['/', '\\', ' ', '.']) >= 0)
                    return ValidationResult.Error(
                        $"--candidate: the name '{parts[0].Trim()}' may not contain '/', '\\', '.' or spaces (it names a folder)");
            }
            var names = ParsedCandidates.Select(c => c.Name).ToArray();
            if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
                return ValidationResult.Error("--candidate: candidate names must be unique");
            if (Repeat is < 1 or > 50)
                return ValidationResult.Error($"--repeat: expected 1..50, got {Repeat}");
            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var candidates = settings.ParsedCandidates;
        var outDir = Path.GetFullPath(settings.Out ?? Path.Combine("reports", "compare-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss")));
        var runs = candidates.ToDictionary(c => c.Name, _ => new List<(string Folder, RunDocument Doc)>());
        var started = DateTimeOffset.UtcNow;
        RunPlan? firstPlan = null;

        for (var repeat = 1; repeat <= settings.Repeat && !interruption.Requested; repeat++)
        {
            foreach (var (name, command) in candidates)
            {
                if (interruption.Requested) break;
                var folder = $"runs/{name}-{repeat}";
                var plan = RunPlanFactory.Create(ForCandidate(settings, command, Path.Combine(outDir, folder)), $"loadleak compare ({name} #{repeat})");
                firstPlan ??= plan;
                console.Info($"== candidate {name}, run {repeat}/{settings.Repeat}: {command}");
                await using var session = new RunSession(plan, console, stages, interruption.Token);
                var outcome = await session.RunAsync();
                RunSummary.Print(console, outcome);
                runs[name].Add((folder, outcome.Document));
            }
        }

        var summaries = candidates.Select(c =>
        {
            var (metrics, verdicts, perSecond) = CandidateComparer.Summarize(runs[c.Name].Select(r => r.Doc).ToArray());
            return new CandidateSummary
            {
                Name = c.Name,
                Command = c.Command,
                Runs = runs[c.Name].Select(r => r.Folder).ToArray(),
                LeakVerdicts = verdicts,
                Statuses = runs[c.Name].Select(r => r.Doc.Status).ToArray(),
                Metrics = metrics,
                PerSecond = perSecond,
            };
        }).ToArray();
        var document = new CompareDocument
        {
            StartedAt = started,
            ConfigPath = firstPlan?.ConfigPath,
            Repeat = settings.Repeat,
            DurationScale = settings.ParsedDurationScale,
            Baseline = candidates[0].Name,
            Candidates = summaries,
            Comparisons = CandidateComparer.Compare(summaries[0], summaries.Skip(1).ToArray()),
            Notes = settings.Repeat < 2
                ? ["one run per candidate: rps, p50 and p99 are compared second by second (paired, corrected for autocorrelation); " +
                   "the other metrics have no run-to-run noise: use --repeat 3 or more to tell their differences from noise"]
                : [],
        };
        var written = CompareWriter.WriteAll(document, outDir);
        foreach (var error in written.Errors) console.Warn(error);
        foreach (var file in written.Files) console.Info(file);

        if (interruption.Requested) return ExitCodes.Interrupted;
        if (summaries.Any(c => c.LeakVerdicts.Contains(LeakVerdict.Leak))) return ExitCodes.ChecksFailed;
        return summaries.Any(c => c.Statuses.Any(s => s != RunStatus.Complete)) ? ExitCodes.InfrastructureError : ExitCodes.Ok;
    }

    private static RunCommand.Settings ForCandidate(Settings s, string command, string outDir) => new()
    {
        Config = s.Config,
        Out = outDir,
        TargetCmd = command,
        TargetUrl = s.TargetUrl,
        DurationScale = s.DurationScale,
        ReadyTimeoutSeconds = s.ReadyTimeoutSeconds,
        NoEventPipe = s.NoEventPipe,
    };
}
