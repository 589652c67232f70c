using System.Globalization;
using System.Text.Json;
using LoadLeak.Cli;
using LoadLeak.Cluster.Planning;
using LoadLeak.Sessions;

namespace LoadLeak.Cluster.Running;

/// <summary>`run`'s cluster settings from the config's ClusterSettings and the --cluster-* flags; null for a local run.</summary>
internal static class ClusterPlan
{
    public static ClusterSettings? Parse(RunPlan plan, ClusterFlags flags)
    {
        var json = plan.ConfigPath is null ? null : File.ReadAllText(plan.ConfigPath);
        var scenarios = plan.Config.Scenarios.Select(s => s.ScenarioName).ToList();
        var targets = plan.Config.TargetScenarios ?? scenarios;
        var settings = ClusterSettingsParser.Parse(json, plan.Config.SourceName, flags, scenarios, targets);
        if (settings is null) return null;
        // The agents read the scenarios from the config file: code scenarios alone have none to send them.
        if (plan.ConfigPath is null) throw new Engine.ConfigException("--cluster-*: a cluster run needs a config file (--config)");
        if (plan.Soak is not null) throw new Engine.ConfigException("soak runs do not run as a cluster yet: leave out the --cluster-* flags");
        if (settings.WaitForProbe && !settings.IsLocal && plan.Target is TargetSpec.Launch { Bundled: false })
            throw new Engine.ConfigException("--target-cmd: with --cluster-probe the probe launches the target (loadleak probe --target-cmd ...)");
        return settings;
    }

    /// <summary>A soak runs on this machine: a warning when its config asks for a cluster (the flags are unknown to soak), else null.</summary>
    public static string? SoakWarning(RunPlan plan)
    {
        if (plan.ConfigPath is null) return null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(plan.ConfigPath),
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("ClusterSettings", out _)
                ? $"{plan.ConfigPath}: ClusterSettings is ignored: a soak runs on this machine (only `loadleak run` runs as a cluster)"
                : null;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null; // the plan read this config already: a problem here was reported there
        }
    }

    public static void Print(IUserConsole console, ClusterSettings settings) =>
        console.Info($"cluster '{settings.ClusterId}': {settings.AgentsCount} agent(s)" + (settings.WaitForProbe ? " and a probe" : "") +
                     (settings.IsLocal ? ", local nats-server and agents" : $" at {settings.Endpoint!.Redacted}") +
                     $", join timeout {settings.Timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s");
}
