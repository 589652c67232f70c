using System.Text.Json;
using LoadLeak.Cluster.Nats;
using LoadLeak.Cluster.Protocol;
using LoadLeak.Commands;
using LoadLeak.Engine;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Planning;

/// <summary>
/// Reads NBomber's <c>ClusterSettings</c> (<c>AutoCluster</c>, or <c>ManualCluster</c> with AgentGroups) and the
/// <c>--cluster-*</c> flags into validated <see cref="ClusterSettings"/>; flags win over the JSON. Every bad value
/// is a <see cref="ConfigException"/> naming the JSON path or the flag.
/// </summary>
internal static class ClusterSettingsParser
{
    public const int MaxLocalAgents = 32;
    public const int MaxAgents = 10_000;
    private static readonly string[] Schemes = ["nats", "tls", "ws", "wss"];

    /// <param name="configJson">The config file's text (null when there is none).</param>
    /// <param name="scenarios">The config's scenario names.</param>
    /// <param name="targets">The scenarios the run runs (the config's TargetScenarios, or all).</param>
    /// <returns>Null when neither the config nor the flags ask for a cluster.</returns>
    public static ClusterSettings? Parse(string? configJson, string source, ClusterFlags flags,
        IReadOnlyCollection<string> scenarios, IReadOnlyList<string> targets)
    {
        using var document = configJson is null ? null : ParseDocument(configJson, source);
        var cluster = document is { RootElement.ValueKind: JsonValueKind.Object }
            ? new JsonPath(document.RootElement, "", source).Optional("ClusterSettings")
            : null;
        if (cluster is null && !flags.Any) return null;

        var auto = cluster?.Optional("AutoCluster");
        var manual = cluster?.Optional("ManualCluster");
        if (auto is not null && manual is not null) throw manual.Value.Error("give either AutoCluster or ManualCluster, not both");
        var section = auto ?? manual;
        if (cluster is not null && section is null) throw cluster.Value.Error("expected an AutoCluster or ManualCluster object");

        var coordinatorScenarios = section?.Optional("Coordinator")?.Optional("TargetScenarios");
        if (coordinatorScenarios is { } coordinatorList && coordinatorList.Strings().Count > 0)
            throw coordinatorList.Error("LoadLeak's coordinator runs no load (it only orchestrates and merges); put these scenarios under Agent");
        var agent = section?.Optional("Agent");
        var groups = ReadGroups(agent, manual is not null, scenarios, targets);

        var local = flags.Local;
        if (local is < 1 or > MaxLocalAgents) throw new ConfigException($"--cluster-local: expected 1..{MaxLocalAgents} agents, got {local}");
        if (local is not null && flags.NatsUrl is not null)
            throw new ConfigException("--cluster-local starts its own nats-server: it excludes --cluster-nats-url");
        if (local is not null && flags.AgentsCount is { } given && given != local)
            throw new ConfigException($"--cluster-agents-count {given} contradicts --cluster-local {local}");

        var jsonCount = agent?.Optional("AgentsCount") is { } countNode ? CheckCount(countNode.Int(), countNode.Error) : (int?)null;
        var flagCount = flags.AgentsCount is { } count ? CheckCount(count, m => new ConfigException("--cluster-agents-count: " + m)) : (int?)null;
        var agents = local ?? flagCount ?? jsonCount ?? 1;
        if (agents < groups.Count)
            throw new ConfigException(
                $"{agents} agent(s) cannot serve {groups.Count} agent groups " +
                $"({string.Join(", ", groups.Select(g => g.Name))}): each group needs one");

        return new ClusterSettings(
            ClusterIdOf(flags, section, local is not null),
            local is not null ? null : Endpoint(flags, section),
            agents,
            groups,
            flags.Probe,
            TimeoutOf(flags.Timeout),
            local ?? 0);
    }

    private static JsonDocument ParseDocument(string json, string source)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new ConfigException($"{source}: malformed JSON: {e.Message}", e);
        }
    }

    private static IReadOnlyList<AgentGroup> ReadGroups(JsonPath? agent, bool manual, IReadOnlyCollection<string> scenarios,
        IReadOnlyList<string> targets)
    {
        if (!manual || agent?.Optional("AgentGroups") is not { } list)
        {
            var names = agent?.Optional("TargetScenarios") is { } node ? Known(node, scenarios) : targets;
            return [new AgentGroup(AgentGroup.AnyGroup, names)];
        }
        var groups = new List<AgentGroup>();
        foreach (var item in list.Items())
        {
            var name = item.Optional("AgentGroup") is { } nameNode
                ? nameNode.String()
                : throw item.Error("every agent group needs an AgentGroup name");
            if (!ClusterSubjects.IsToken(name)) throw item.Error($"AgentGroup '{name}': use letters, digits, '-' and '_' only");
            if (groups.Any(g => g.Name == name)) throw item.Error($"AgentGroup '{name}' is given twice");
            var names = item.Optional("TargetScenarios") is { } node
                ? Known(node, scenarios)
                : throw item.Error("every agent group needs TargetScenarios");
            groups.Add(new AgentGroup(name, names));
        }
        if (groups.Count == 0) throw list.Error("expected at least one agent group");
        return groups;
    }

    private static IReadOnlyList<string> Known(JsonPath node, IReadOnlyCollection<string> scenarios)
    {
        var names = node.Strings();
        if (names.Count == 0) throw node.Error("expected at least one scenario name");
        foreach (var name in names)
        {
            if (!scenarios.Contains(name))
                throw node.Error($"unknown scenario '{name}' (GlobalSettings.ScenariosSettings has: {string.Join(", ", scenarios)})");
        }
        return names.Distinct().ToList();
    }

    private static int CheckCount(int count, Func<string, ConfigException> error) =>
        count is >= 1 and <= MaxAgents ? count : throw error($"expected 1..{MaxAgents} agents, got {count}");

    private static string ClusterIdOf(ClusterFlags flags, JsonPath? section, bool local)
    {
        if (flags.ClusterId is { } flag)
            return ClusterSubjects.IsToken(flag) ? flag : throw new ConfigException($"--cluster-id: '{flag}': use 1-64 letters, digits, '-' and '_'");
        if (section?.Optional("ClusterId") is { } node)
        {
            var id = node.String();
            return ClusterSubjects.IsToken(id) ? id : throw node.Error($"'{id}': use 1-64 letters, digits, '-' and '_'");
        }
        if (local) return "local-" + Guid.NewGuid().ToString("N")[..8];
        throw new ConfigException("a cluster run needs a cluster id: --cluster-id ID or ClusterSettings.AutoCluster.ClusterId");
    }

    private static NatsEndpoint Endpoint(ClusterFlags flags, JsonPath? section)
    {
        if (flags.NatsCreds is { } creds && !File.Exists(creds))
            throw new ConfigException($"--cluster-nats-creds: file not found: {Path.GetFullPath(creds)}");
        var credsFile = flags.NatsCreds is null ? null : Path.GetFullPath(flags.NatsCreds);
        if (flags.NatsUrl is { } flag) return new NatsEndpoint(CheckUrl(flag, m => new ConfigException("--cluster-nats-url: " + m)), credsFile);
        if (section?.Optional("NATSServerURL") is { } node) return new NatsEndpoint(CheckUrl(node.String(), node.Error), credsFile);
        throw new ConfigException("a cluster run needs the NATS server: --cluster-nats-url URL or ClusterSettings.AutoCluster.NATSServerURL");
    }

    /// <summary>One URL or comma-separated seeds; NBomber's "nats://localhost" (no port) is fine, NATS.Net adds 4222.</summary>
    internal static string CheckUrl(string url, Func<string, ConfigException> error)
    {
        foreach (var part in url.Split(','))
        {
            var ok = Uri.TryCreate(part.Trim(), UriKind.Absolute, out var uri) && Schemes.Contains(uri.Scheme) && uri.Host.Length > 0;
            if (!ok) throw error($"expected nats://host[:port] (or tls://, ws://, wss://), got '{new NatsEndpoint(part).Redacted}'");
        }
        return url;
    }

    private static TimeSpan TimeoutOf(string? flag)
    {
        if (flag is null) return ClusterSettings.DefaultTimeout;
        if (!DurationParser.TryParse(flag, out var timeout) || timeout > TimeSpan.FromHours(1))
            throw new ConfigException($"--cluster-timeout: expected a duration up to 1h such as 30s or 2m, got '{flag}'");
        return timeout;
    }
}
