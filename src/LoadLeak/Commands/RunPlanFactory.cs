using System.Globalization;
using System.Text.Json;
using LoadLeak.Correlator.Analysis;
using LoadLeak.Engine;
using LoadLeak.Engine.Config;
using LoadLeak.Sessions;
using LoadLeak.Targets;

namespace LoadLeak.Commands;

/// <summary>Turns validated flags and the config file into a frozen <see cref="RunPlan"/>.</summary>
internal static class RunPlanFactory
{
    public const string DefaultConfigName = "nbomber-config.json";

    /// <summary>Where the scenarios come from when a run has no config file: they were registered in code.</summary>
    public const string NoConfigSource = "code scenarios";

    /// <param name="scenarios">Who builds the scenarios; those it registered in code may run without a config.</param>
    public static RunPlan Create(TargetRunSettings settings, string commandLine, IScenarioFactory? scenarios = null)
    {
        var code = scenarios?.CodeScenarios ?? [];
        // Code scenarios without --config run alone: neither ./nbomber-config.json nor the bundled config joins them.
        (string Path, bool Bundled)? located = settings.Config is null && code.Count > 0 ? null : LocateConfig(settings.Config);
        var config = located is { } file ? NBomberConfig.Load(file.Path, code) : new NBomberConfig { SourceName = NoConfigSource };
        config = WithCodeTargets(config, scenarios?.TargetScenarios, code);
        var scale = settings.ParsedDurationScale;
        var options = RunOptions.From(config.Extensions).Scaled(scale);
        if (settings.NoGuard) options = options with { Guard = options.Guard with { Enabled = false } };
        var runId = NewRunId();
        var target = Target(settings, config);
        return new RunPlan
        {
            RunId = runId,
            OutDir = Path.GetFullPath(settings.Out ?? Path.Combine(config.ReportFolder ?? "reports", runId)),
            ConfigPath = located?.Path,
            Config = config,
            Target = target,
            ReadyUrl = ReadyUrl(settings, target),
            ReadyTimeout = TimeSpan.FromSeconds(settings.ReadyTimeoutSeconds),
            DurationScale = scale,
            UseEventPipe = !settings.NoEventPipe,
            Endpoints = EndpointFlags.From(settings),
            CommandLine = commandLine,
            Options = options,
            LeakOptions = LeakOptionsOf(config.Extensions),
            Snapshots = settings.Snapshots,
            KeepDumps = settings.KeepDumps,
            Notes = located switch
            {
                null => [NoConfigNote],
                { Bundled: true } bundled => [BundledConfigNote(bundled.Path)],
                _ => [],
            },
        };
    }

    public static string ResolveConfig(string? flag) => LocateConfig(flag).Path;

    /// <summary>--config, else ./nbomber-config.json, else the default config shipped beside the tool.</summary>
    private static (string Path, bool Bundled) LocateConfig(string? flag)
    {
        if (flag is not null)
        {
            var full = Path.GetFullPath(flag);
            return File.Exists(full) ? (full, false) : throw new ConfigException($"--config: file not found: {full}");
        }
        var local = Path.GetFullPath(DefaultConfigName);
        if (File.Exists(local)) return (local, false);
        if (File.Exists(BundledTarget.DefaultConfigPath)) return (BundledTarget.DefaultConfigPath, true);
        throw new ConfigException($"--config: no {DefaultConfigName} in the current folder; pass --config FILE or run `loadleak init`");
    }

    private const string NoConfigNote =
        "no config (code scenarios): the scenarios registered in code run with the settings their code gives them";

    /// <summary>The code's WithTargetScenarios, where the config names none (the config wins over code, as in NBomber).</summary>
    private static NBomberConfig WithCodeTargets(NBomberConfig config, IReadOnlyList<string>? targets, IReadOnlyList<string> code)
    {
        if (targets is null || config.TargetScenarios is not null) return config;
        var configured = config.Scenarios.Select(s => s.ScenarioName).ToList();
        foreach (var name in targets.Where(t => !configured.Contains(t) && !code.Contains(t)))
            throw new ConfigException($"WithTargetScenarios: {NBomberConfig.UnknownScenario(name, configured, code)}");
        return config with { TargetScenarios = [.. targets.Distinct()] };
    }

    private static string BundledConfigNote(string path) =>
        $"no {DefaultConfigName} in the current folder: using the tool's default config ({path}); `loadleak init` writes it here to edit";

    private static TargetSpec Target(TargetRunSettings settings, NBomberConfig config)
    {
        if (settings.TargetPid is { } pid) return new TargetSpec.Attach(pid);
        if (settings.TargetCmd is { } command) return new TargetSpec.Launch(command, Bundled: false, settings.TargetCwd);
        if (EndpointFlags.IsRemote(settings))
            return new TargetSpec.Remote($"remote, sampled through {settings.TargetPprof ?? settings.TargetMetrics}");
        var bundled = BundledTarget.Command();
        if (!KafkaNeeds.EmbeddedBroker(config, null))
            bundled = bundled.Replace(" --kafka {kafka}", "", StringComparison.Ordinal);
        return new TargetSpec.Launch(bundled, Bundled: true, settings.TargetCwd);
    }

    private static string? ReadyUrl(TargetRunSettings settings, TargetSpec target)
    {
        if (settings.TargetUrl is not null) return settings.TargetUrl;
        return target switch
        {
            TargetSpec.Launch { Bundled: true } => BundledTarget.DefaultReadyUrl,
            // Without a readiness URL, at least wait for the port the command was given to accept connections.
            TargetSpec.Launch launch when launch.CommandTemplate.Contains("{port}", StringComparison.Ordinal) => "tcp://127.0.0.1:{port}",
            _ => null,
        };
    }

    private static LeakOptions LeakOptionsOf(JsonElement extensions) =>
        extensions.ValueKind == JsonValueKind.Object && extensions.TryGetProperty("Leak", out var leak)
            ? LeakOptions.FromJson(leak, "LoadLeak.Leak")
            : new LeakOptions();

    private static string NewRunId() =>
        DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..4];
}
