using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LoadLeak.Commands;

/// <summary>Flags shared by every command that runs load against a target.</summary>
internal abstract class TargetRunSettings : CommandSettings
{
    [CommandOption("-c|--config <FILE>")]
    [Description("NBomber-format config. Default: ./nbomber-config.json, else the tool's default config (see `loadleak init`).")]
    public string? Config { get; init; }

    [CommandOption("-o|--out <DIR>")]
    [Description("Write the reports exactly into this folder. Default: <the config's ReportFolder, else reports>/<run-id>.")]
    public string? Out { get; init; }

    [CommandOption("--target-cmd <COMMAND>")]
    [Description("Launch this process as the target instead of the bundled one. {port}, {grpcPort} and {kafka} are filled in.")]
    public string? TargetCmd { get; init; }

    [CommandOption("--target-cwd <DIR>")]
    [Description("Folder the launched target runs in. Default: the folder of the command's main file (the .dll of `dotnet X.dll`, " +
        "a script, or the program given as a path); LoadLeak's current folder for a program found on PATH.")]
    public string? TargetCwd { get; init; }

    [CommandOption("--target-url <URL>")]
    [Description("Readiness URL, polled until it answers 2xx. Default: http://127.0.0.1:{port}/healthz for the bundled target; " +
        "for --target-cmd, until {port} accepts TCP connections when the command has {port}, else no check.")]
    public string? TargetUrl { get; init; }

    [CommandOption("--target-pid <PID>")]
    [Description("Attach to a running process instead of launching one (it is sampled, never stopped).")]
    public int? TargetPid { get; init; }

    [CommandOption("--target-pprof <URL>")]
    [Description("Base of the target's Go /debug/pprof (e.g. http://127.0.0.1:{port}/debug/pprof): goroutines, Go heap, " +
        "heap?gc=1 at phase boundaries.")]
    public string? TargetPprof { get; init; }

    [CommandOption("--target-metrics <URL>")]
    [Description("The target's Prometheus text endpoint (e.g. http://host:9090/metrics), scraped every second. " +
        "Without --target-cmd/--target-pid the target is remote: sampled only through the URLs.")]
    public string? TargetMetrics { get; init; }

    [CommandOption("--target-metric <NAME>")]
    [Description("A gauge of --target-metrics to test as a leak resource too (repeatable).")]
    public string[] TargetMetric { get; init; } = [];

    [CommandOption("--duration-scale <FACTOR>")]
    [Description("Multiply every duration in the config (warm-up and simulations), e.g. 0.1 for a quick run.")]
    [DefaultValue("1")]
    public string DurationScale { get; init; } = "1";

    [CommandOption("--ready-timeout <SECONDS>")]
    [Description("How long to wait for the target to become ready.")]
    [DefaultValue(60)]
    public int ReadyTimeoutSeconds { get; init; } = 60;

    [CommandOption("--no-eventpipe")]
    [Description("Sample only /proc (RSS, threads, fds, CPU), not the .NET runtime counters.")]
    public bool NoEventPipe { get; init; }

    [CommandOption("--snapshots")]
    [Description("Take heap snapshots at baseline, peak load and after cool-down (each pauses the target, longer the bigger its heap) " +
        "and diff them: top growers, retention paths, pending tasks.")]
    public bool Snapshots { get; init; }

    [CommandOption("--keep-dumps")]
    [Description("Keep the heap dumps of --snapshots (owner-only files; they hold the target's memory, secrets included). " +
        "Default: deleted after analysis.")]
    public bool KeepDumps { get; init; }

    [CommandOption("--no-guard")]
    [Description("Do not stop the load when the target's memory passes LoadLeak.Guard.MaxTargetMemory (default 80% of its cgroup's " +
        "or the machine's memory) or is forecast to run out before the end.")]
    public bool NoGuard { get; init; }

    [CommandOption("--dry-run")]
    [Description("Check the flags and the config, print the planned phases, and exit without starting anything.")]
    public bool DryRun { get; init; }

    public double ParsedDurationScale =>
        double.Parse(DurationScale, NumberStyles.Float, CultureInfo.InvariantCulture);

    public override ValidationResult Validate()
    {
        if (!double.TryParse(DurationScale, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale)
            || !double.IsFinite(scale) || scale <= 0 || scale > 1000)
            return ValidationResult.Error($"--duration-scale: expected a number > 0 and ≤ 1000, got '{DurationScale}'");
        if (Config is not null && string.IsNullOrWhiteSpace(Config))
            return ValidationResult.Error("--config: the file name is empty");
        if (Out is not null && string.IsNullOrWhiteSpace(Out))
            return ValidationResult.Error("--out: the folder name is empty");
        if (TargetPid is not null && TargetCmd is not null)
            return ValidationResult.Error("--target-pid and --target-cmd exclude each other: attach to a process or launch one");
        if (TargetPid is <= 0)
            return ValidationResult.Error($"--target-pid: expected a positive process id, got {TargetPid}");
        if (TargetCmd is not null && string.IsNullOrWhiteSpace(TargetCmd))
            return ValidationResult.Error("--target-cmd: the command is empty");
        if (TargetCwd is not null && (TargetPid is not null || EndpointFlags.IsRemote(this)))
            return ValidationResult.Error("--target-cwd: only for a launched target (not with --target-pid or a remote target)");
        if (TargetCwd is not null && !Directory.Exists(TargetCwd))
            return ValidationResult.Error($"--target-cwd: no such folder: '{TargetCwd}'");
        if (TargetUrl is not null && !Uri.TryCreate(TargetUrl.Replace("{port}", "1", StringComparison.Ordinal), UriKind.Absolute, out _))
            return ValidationResult.Error($"--target-url: not an absolute URL: '{TargetUrl}'");
        if (EndpointFlags.Check(TargetPprof, TargetMetrics, TargetMetric) is { } endpointError)
            return ValidationResult.Error(endpointError);
        if (ReadyTimeoutSeconds is <= 0 or > 3600)
            return ValidationResult.Error($"--ready-timeout: expected 1..3600 seconds, got {ReadyTimeoutSeconds}");
        return ValidationResult.Success();
    }
}
