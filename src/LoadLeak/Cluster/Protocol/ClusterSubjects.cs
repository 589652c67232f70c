using System.Text.RegularExpressions;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Protocol;

/// <summary>
/// The NATS subjects of one cluster, all under <c>loadleak.&lt;clusterId&gt;.</c>, so two clusters on one server
/// never see each other's messages.
/// </summary>
internal sealed partial class ClusterSubjects
{
    public ClusterSubjects(string clusterId)
    {
        if (!IsToken(clusterId)) throw new ArgumentException($"cluster id '{clusterId}' is not a subject token", nameof(clusterId));
        Prefix = "loadleak." + clusterId;
    }

    public string Prefix { get; }

    /// <summary>Agents' and probes' hellos (member → coordinator).</summary>
    public string Hello => Prefix + ".hello";

    /// <summary>Start and stop (coordinator → everyone).</summary>
    public string Broadcast => Prefix + ".all";

    /// <summary>Interval stats and final totals (agents → coordinator).</summary>
    public string Stats => Prefix + ".stats";

    /// <summary>Samples, events, notes, snapshot results (probe → coordinator).</summary>
    public string Probe => Prefix + ".probe";

    /// <summary>Requests and commands to one member (coordinator → member).</summary>
    public string Member(string memberId) =>
        IsToken(memberId)
            ? Prefix + ".member." + memberId
            : throw new ArgumentException($"member id '{memberId}' is not a subject token", nameof(memberId));

    /// <summary>Cluster and member ids become one subject token: letters, digits, '-' and '_' only.</summary>
    public static bool IsToken(string? value) => value is { Length: > 0 and <= 64 } && Token().IsMatch(value);

    /// <summary>Makes a token of anything (e.g. a host name): other characters become '-'.</summary>
    public static string ToToken(string value)
    {
        var token = NotToken().Replace(value, "-").Trim('-');
        return token.Length == 0 ? "member" : token.Length > 48 ? token[..48] : token;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex Token();

    [GeneratedRegex("[^A-Za-z0-9_-]+")]
    private static partial Regex NotToken();
}
