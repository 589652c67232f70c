using LoadLeak.Cli;
using LoadLeak.Correlator.Sampling.Go;
using LoadLeak.Correlator.Sampling.Prometheus;
using LoadLeak.Engine;
using LoadLeak.Targets;

namespace LoadLeak.Sessions;

/// <summary>
/// Fills the placeholders of the diagnostics URLs and probes each before the load: a URL that does not answer, or
/// answers with something else, is a one-line error naming its flag (exit 2). A launched target that serves
/// /debug/pprof/ on {port} is sampled through it without the flag, with a note.
/// </summary>
internal static class TargetEndpointResolver
{
    public static async Task<TargetEndpoints> ResolveAsync(RunPlan plan, Placeholders placeholders, IUserConsole console, CancellationToken ct)
    {
        var endpoints = plan.Endpoints;
        string? pprof = null, metrics = null;
        if (endpoints.Pprof is { } p)
        {
            pprof = Fill(p, "--target-pprof", placeholders);
            if (await PprofSource.ProbeAsync(new Uri(pprof), ct) is { } why) throw new ConfigException($"--target-pprof: {why}");
        }
        if (endpoints.Metrics is { } m)
        {
            metrics = Fill(m, "--target-metrics", placeholders);
            if (await PrometheusSource.ProbeAsync(new Uri(metrics), ct) is { } why) throw new ConfigException($"--target-metrics: {why}");
        }
        var detected = false;
        if (pprof is null && plan.Target is TargetSpec.Launch { Bundled: false } launch
            && launch.CommandTemplate.Contains("{port}", StringComparison.Ordinal)
            && int.TryParse(placeholders.Fill("{port}"), out var port)
            && await PprofSource.DetectAsync(port, ct) is { } found)
        {
            pprof = found.ToString();
            detected = true;
            console.Info($"target serves Go pprof at {pprof}: goroutines and Go heap sampled from it (--target-pprof not needed)");
        }
        return endpoints with { Pprof = pprof, Metrics = metrics, PprofDetected = detected };
    }

    private static string Fill(string template, string flag, Placeholders placeholders)
    {
        var url = placeholders.Fill(template);
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? url
            : throw new ConfigException($"--{flag.TrimStart('-')}: not an http:// or https:// URL: '{url}'");
    }
}
