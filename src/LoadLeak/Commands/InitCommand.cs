using System.ComponentModel;
using LoadLeak.Cli;
using LoadLeak.Engine;
using LoadLeak.Targets;
using Spectre.Console.Cli;

namespace LoadLeak.Commands;

/// <summary>`loadleak init`: write the tool's default config, with its comments, as ./nbomber-config.json to edit.</summary>
internal sealed class InitCommand(IUserConsole console) : Command<InitCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--force")]
        [Description("Overwrite an existing nbomber-config.json.")]
        public bool Force { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var destination = Path.GetFullPath(RunPlanFactory.DefaultConfigName);
        if (File.Exists(destination) && !settings.Force)
            throw new ConfigException($"{destination} already exists; pass --force to overwrite it");
        var source = BundledTarget.DefaultConfigPath;
        if (!File.Exists(source))
            throw new InfrastructureException($"the default config is missing: no {source} beside the LoadLeak tool (reinstall it)");
        try
        {
            File.Copy(source, destination, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InfrastructureException($"cannot write {destination}: {ex.Message}", ex);
        }
        console.Info($"wrote {destination}: edit it, then `loadleak run` (add --duration-scale 0.1 for a quick try)");
        return ExitCodes.Ok;
    }
}
