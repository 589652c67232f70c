using LoadLeak.Cli;
using LoadLeak.Comparing;
using LoadLeak.Reporting.Comparing;
using LoadLeak.Results;
using LoadLeak.Running;
using Spectre.Console.Cli;

namespace LoadLeak.Commands;

/// <summary>
/// `loadleak compare`: the same config, with the same load, against each candidate in turn — each
/// started fresh, repeats interleaved so drift on a shared machine hits every candidate alike.
/// </summary>
public sealed class CompareCommand(IUserConsole console, Interruption interruption) : AsyncCommand<CompareSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CompareSettings settings, CancellationToken cancellationToken)
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
                var outcome = await new RunPipeline(console).RunAsync(plan, interruption.Token);
                RunSummary.Print(console, outcome);
                runs[name].Add((folder, outcome.Document));
            }
        }

        var summaries = candidates.Select(c =>
        {
            var (metrics, verdicts) = CandidateComparer.Summarize(runs[c.Name].Select(r => r.Doc).ToArray());
            return new CandidateSummary
            {
                Name = c.Name,
                Command = c.Command,
                Runs = runs[c.Name].Select(r => r.Folder).ToArray(),
                LeakVerdicts = verdicts,
                Statuses = runs[c.Name].Select(r => r.Doc.Status).ToArray(),
                Metrics = metrics,
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
            Notes = settings.Repeat < 2 ? ["one run per candidate: run-to-run noise unknown; use --repeat 3 or more to tell differences from noise"] : [],
        };
        var written = CompareWriter.WriteAll(document, outDir);
        foreach (var error in written.Errors) console.Warn(error);
        foreach (var file in written.Files) console.Info(file);

        if (interruption.Requested) return ExitCodes.Interrupted;
        if (summaries.Any(c => c.LeakVerdicts.Contains(LeakVerdict.Leak))) return ExitCodes.ChecksFailed;
        return summaries.Any(c => c.Statuses.Any(s => s != RunStatus.Complete)) ? ExitCodes.InfrastructureError : ExitCodes.Ok;
    }

    private static RunSettings ForCandidate(CompareSettings s, string command, string outDir) => new()
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
