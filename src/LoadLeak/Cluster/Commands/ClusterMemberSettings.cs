using System.ComponentModel;
using LoadLeak.Cluster.Nats;
using LoadLeak.Cluster.Planning;
using LoadLeak.Cluster.Protocol;
using LoadLeak.Commands;
using LoadLeak.Engine;
using LoadLeak.Results;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LoadLeak.Cluster.Commands;

/// <summary>The flags every cluster member (agent, probe) shares: where NATS is, which cluster, who it is.</summary>
internal class ClusterMemberSettings : CommandSettings
{
    [CommandOption("--cluster-nats-url <URL>")]
    [Description("The NATS server: nats://host:4222, nats://user:password@host:4222, nats://token@host, tls://host:4222.")]
    public string? NatsUrl { get; init; }

    [CommandOption("--cluster-id <ID>")]
    [Description("The cluster to join (the coordinator's --cluster-id or ClusterSettings.AutoCluster.ClusterId).")]
    public string? ClusterId { get; init; }

    [CommandOption("--cluster-nats-creds <FILE>")]
    [Description("NATS credentials file (JWT and NKey seed).")]
    public string? NatsCreds { get; init; }

    [CommandOption("--join-timeout <DURATION>")]
    [Description("How long to wait for a coordinator to assign work, e.g. 10m.")]
    [DefaultValue("10m")]
    public string JoinTimeout { get; init; } = "10m";

    public NatsEndpoint Endpoint => new(NatsUrl!, NatsCreds is null ? null : Path.GetFullPath(NatsCreds));

    public TimeSpan ParsedJoinTimeout => DurationParser.TryParse(JoinTimeout, out var timeout) ? timeout : TimeSpan.Zero;

    public static string DefaultId(string role) => ClusterSubjects.ToToken($"{role}-{Environment.MachineName}-{Environment.ProcessId}");

    public override ValidationResult Validate()
    {
        if (NatsUrl is null) return ValidationResult.Error("--cluster-nats-url is required");
        try { ClusterSettingsParser.CheckUrl(NatsUrl, m => new ConfigException(m)); }
        catch (ConfigException e) { return ValidationResult.Error("--cluster-nats-url: " + e.Message); }
        if (!ClusterSubjects.IsToken(ClusterId))
            return ValidationResult.Error($"--cluster-id: expected 1-64 letters, digits, '-' and '_', got '{ClusterId}'");
        if (NatsCreds is not null && !File.Exists(NatsCreds))
            return ValidationResult.Error($"--cluster-nats-creds: file not found: {Path.GetFullPath(NatsCreds)}");
        if (!DurationParser.TryParse(JoinTimeout, out _))
            return ValidationResult.Error($"--join-timeout: expected a duration such as 90s or 10m, got '{JoinTimeout}'");
        return ValidationResult.Success();
    }
}
