using System.ComponentModel;
using LoadLeak.Reporting;
using LoadLeak.Runner.Cli;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LoadLeak.Runner.Commands;

public sealed class ReportSettings : CommandSettings
{
    [CommandArgument(0, "<RUN_JSON>")]
    [Description("A run.json written by `loadleak run` (also a partial one).")]
    public string RunJson { get; init; } = "";

    [CommandOption("-o|--out <DIR>")]
    [Description("Folder for the re-rendered reports. Default: the folder of RUN_JSON.")]
    public string? Out { get; init; }

    public override ValidationResult Validate() =>
        File.Exists(RunJson) ? ValidationResult.Success() : ValidationResult.Error($"RUN_JSON: file not found: {RunJson}");
}

/// <summary>`loadleak report RUN.json`: re-render every format from run.json alone.</summary>
public sealed class ReportCommand(IUserConsole console) : Command<ReportSettings>
{
    protected override int Execute(CommandContext context, ReportSettings settings, CancellationToken cancellationToken)
    {
        var document = RunDocumentJson.Read(settings.RunJson);
        var outDir = Path.GetFullPath(settings.Out ?? Path.GetDirectoryName(Path.GetFullPath(settings.RunJson))!);
        var outcome = ReportWriter.WriteAll(document, outDir);
        foreach (var file in outcome.Files) console.Info(file);
        foreach (var error in outcome.Errors) console.Error(error);
        return outcome.Errors.Count == 0 ? ExitCodes.Ok : ExitCodes.InfrastructureError;
    }
}
