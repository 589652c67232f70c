using LoadLeak.Results;
namespace LoadLeak.Cluster.Nats;

/// <summary>
/// Where and how to reach the NATS server: the URL (user:password@ or token@ allowed, nats:// or tls://,
/// comma-separated seeds) and an optional credentials file (JWT + NKey seed, as `nats` tools write it).
/// </summary>
internal sealed record NatsEndpoint(string Url, string? CredsFile = null)
{
    /// <summary>The URL with any user, password or token replaced by "***", for messages and reports.</summary>
    public string Redacted => string.Join(",", Url.Split(',').Select(RedactOne));

    private static string RedactOne(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var at = url.LastIndexOf('@');
        return scheme >= 0 && at > scheme ? url[..(scheme + 3)] + "***" + url[at..] : url;
    }
}
