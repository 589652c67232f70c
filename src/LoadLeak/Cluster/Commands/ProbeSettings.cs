using System.ComponentModel;
using LoadLeak.Cluster.Protocol;
using LoadLeak.Results;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LoadLeak.Cluster.Commands;

/// <summary>`loadleak probe` flags.</summary>
internal sealed class ProbeSettings : ClusterMemberSettings
{
    [CommandOption("--target-pid <PID>")]
    [Description("Sample this running process (it is never stopped).")]
    public int? TargetPid { get; init; }

    [CommandOption("--target-cmd <COMMAND>")]
    [Description("Launch this process as the target; {port}, {grpcPort} and {kafka} are filled with the coordinator's values.")]
    public string? TargetCmd { get; init; }

    [CommandOption("--target-url <URL>")]
    [Description("Readiness URL of the target, polled until it answers 2xx.")]
    public string? TargetUrl { get; init; }

    [CommandOption("--ready-timeout <SECONDS>")]
    [Description("How long to wait for the target to become ready.")]
    [DefaultValue(60)]
    public int ReadyTimeoutSeconds { get; init; } = 60;

    [CommandOption("--probe-id <ID>")]
    [Description("This probe's id. Default: probe-<host>-<pid>.")]
    public string? ProbeId { get; init; }

    [CommandOption("-o|--out <DIR>")]
    [Description("Where a launched target's log goes. Default: a temporary folder.")]
    public string? Out { get; init; }

    public override ValidationResult Validate()
    {
        if ((TargetPid is null) == (TargetCmd is null)) return ValidationResult.Error("give one of --target-pid N or --target-cmd \"CMD\"");
        if (TargetPid is <= 0) return ValidationResult.Error($"--target-pid: expected a positive process id, got {TargetPid}");
        if (TargetCmd is not null && string.IsNullOrWhiteSpace(TargetCmd)) return ValidationResult.Error("--target-cmd: the command is empty");
        if (ReadyTimeoutSeconds is <= 0 or > 3600)
            return ValidationResult.Error($"--ready-timeout: expected 1..3600 seconds, got {ReadyTimeoutSeconds}");
        if (ProbeId is not null && !ClusterSubjects.IsToken(ProbeId))
            return ValidationResult.Error($"--probe-id: expected 1-64 letters, digits, '-' and '_', got '{ProbeId}'");
        return base.Validate();
    }
}
