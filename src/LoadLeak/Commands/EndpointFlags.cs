using LoadLeak.Sessions;

namespace LoadLeak.Commands;

/// <summary>Checks and turns --target-pprof, --target-metrics and --target-metric into <see cref="TargetEndpoints"/>.</summary>
internal static class EndpointFlags
{
    /// <summary>The one-line error for bad endpoint flags, else null. Placeholders may stand for the port.</summary>
    public static string? Check(string? pprof, string? metrics, IReadOnlyList<string> names)
    {
        if (pprof is not null && !IsHttpUrl(pprof)) return $"--target-pprof: not an http:// or https:// URL: '{pprof}'";
        if (metrics is not null && !IsHttpUrl(metrics)) return $"--target-metrics: not an http:// or https:// URL: '{metrics}'";
        if (names.Count > 0 && metrics is null) return "--target-metric: needs --target-metrics URL (the endpoint the gauge is read from)";
        var bad = names.FirstOrDefault(n => n.Length == 0 || !n.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':'));
        return bad is null ? null : $"--target-metric: not a Prometheus metric name: '{bad}'";
    }

    public static TargetEndpoints From(TargetRunSettings settings) => new()
    {
        Pprof = settings.TargetPprof,
        Metrics = settings.TargetMetrics,
        CustomMetrics = settings.TargetMetric.Distinct(StringComparer.Ordinal).ToArray(),
    };

    /// <summary>URLs given without a process to launch or attach to: a target on another host.</summary>
    public static bool IsRemote(TargetRunSettings settings) =>
        settings.TargetCmd is null && settings.TargetPid is null && (settings.TargetPprof is not null || settings.TargetMetrics is not null);

    private static bool IsHttpUrl(string template) =>
        Uri.TryCreate(template.Replace("{port}", "1", StringComparison.Ordinal), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
