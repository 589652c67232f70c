using System.ComponentModel;
using LoadLeak.Cli;
using LoadLeak.Reporting.Exporting;
using LoadLeak.Results;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LoadLeak.Commands;

/// <summary>`loadleak report RUN.json`: re-render every format from run.json alone.</summary>
internal sealed class ReportCommand(IUserConsole console) : Command<ReportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<RUN_JSON>")]
        [Description("A run.json, a report folder, or the stream.jsonl of a run that never finished (rendered as partial).")]
        public string RunJson { get; init; } = "";

        [CommandOption("-o|--out <DIR>")]
        [Description("Folder for the re-rendered reports. Default: the folder of RUN_JSON.")]
        public string? Out { get; init; }

        public override ValidationResult Validate() =>
            File.Exists(RunJson) || Directory.Exists(RunJson)
                ? ValidationResult.Success()
                : ValidationResult.Error($"RUN_JSON: no such file or folder: {RunJson}");
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (document, source) = Load(settings.RunJson);
        if (document.Status == RunStatus.Partial) console.Warn($"{source}: rendering a partial run");
        var outDir = Path.GetFullPath(settings.Out ?? Path.GetDirectoryName(Path.GetFullPath(source))!);
        var outcome = ReportWriter.WriteAll(document, outDir);
        foreach (var file in outcome.Files) console.Info(file);
        foreach (var error in outcome.Errors) console.Error(error);
        return outcome.Errors.Count == 0 ? ExitCodes.Ok : ExitCodes.InfrastructureError;
    }

    /// <summary>A finished run's run.json wins; without one, the stream of the interrupted run is rebuilt.</summary>
    internal static (RunDocument Document, string Source) Load(string path)
    {
        if (Directory.Exists(path))
        {
            var json = Path.Combine(path, "run.json");
            path = File.Exists(json) ? json : Path.Combine(path, Sessions.ResultStream.FileName);
            if (!File.Exists(path))
                throw new Engine.ConfigException(
                    $"RUN_JSON: {Path.GetDirectoryName(path)} holds neither run.json nor {Sessions.ResultStream.FileName}");
        }
        return path.EndsWith(".jsonl", StringComparison.Ordinal)
            ? (Documents.PartialRunReader.Read(path), path)
            : (RunDocumentJson.Read(path), path);
    }
}
