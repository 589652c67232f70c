using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LoadLeak.Commands;

public sealed class CompareSettings : TargetRunSettings
{
    [CommandOption("--candidate <NAME=COMMAND>")]
    [Description("A candidate to compare: NAME=\"COMMAND\" ({port}, {grpcPort}, {kafka} are filled in). Repeat for each; the first is the baseline.")]
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
                return ValidationResult.Error($"--candidate: the name '{parts[0].Trim()}' may not contain '/', '\\', '.' or spaces (it names a folder)");
        }
        var names = ParsedCandidates.Select(c => c.Name).ToArray();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
            return ValidationResult.Error("--candidate: candidate names must be unique");
        if (Repeat is < 1 or > 50)
            return ValidationResult.Error($"--repeat: expected 1..50, got {Repeat}");
        return ValidationResult.Success();
    }
}
