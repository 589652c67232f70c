using LoadLeak.Correlator.Sampling.Go;
using LoadLeak.Correlator.Sampling.Prometheus;
using LoadLeak.Results;

namespace LoadLeak.Correlator.Sampling;

/// <summary>
/// The URL-based sources of one target (Go pprof, Prometheus text), chosen beside /proc and EventPipe so that no
/// series splices two sources: a figure another source of the same target delivers is not taken from Prometheus.
/// </summary>
internal sealed class EndpointSources
{
    private static readonly string[] ProcMetrics = [MetricNames.Rss, MetricNames.OsThreads, MetricNames.Fds, MetricNames.CpuSeconds];

    private static readonly string[] DotNetRuntimeMetrics =
    [
        MetricNames.GcHeapSize, MetricNames.PostGcHeapSize, MetricNames.ThreadPoolThreads, MetricNames.Timers, MetricNames.AllocBytes,
        MetricNames.GcPauseMs, MetricNames.GcCount, MetricNames.Exceptions, MetricNames.LockContentions, MetricNames.WorkingSet,
    ];

    private EndpointSources(PprofSource? pprof, PrometheusSource? prometheus, bool pprofDetected)
    {
        _pprofDetected = pprofDetected;
        Pprof = pprof;
        Prometheus = prometheus;
    }

    private readonly bool _pprofDetected;

    public PprofSource? Pprof { get; }
    public PrometheusSource? Prometheus { get; }

    public IEnumerable<ICounterSource> All => new ICounterSource?[] { Pprof, Prometheus }.OfType<ICounterSource>();

    public static EndpointSources From(CorrelatorOptions options, Func<double> now, bool procSampled, bool eventPipeSampled)
    {
        var pprof = options.Pprof is { } p ? new PprofSource(p, now, options.Interval) : null;
        PrometheusSource? prometheus = null;
        if (options.Metrics is { } m)
        {
            var elsewhere = new HashSet<string>(StringComparer.Ordinal);
            if (pprof is not null) elsewhere.UnionWith(PprofSource.Emits);
            if (procSampled) elsewhere.UnionWith(ProcMetrics);
            if (eventPipeSampled) elsewhere.UnionWith(DotNetRuntimeMetrics);
            prometheus = new PrometheusSource(m, now, options.Interval, options.CustomMetrics, elsewhere);
        }
        return new EndpointSources(pprof, prometheus, options.PprofDetected);
    }

    /// <summary>Which figures come from where, for the notes and the console.</summary>
    public string? Describe(bool procSampled, bool eventPipeSampled)
    {
        var parts = new List<string>();
        if (Pprof is not null)
            parts.Add($"goroutines and Go heap from pprof ({Pprof.Endpoint.Base}{(_pprofDetected ? ", found on the launched target's port" : "")})");
        if (Prometheus is not null) parts.Add($"{(Pprof is null ? "" : "other ")}figures from Prometheus ({Prometheus.Url})");
        if (eventPipeSampled) parts.Add(".NET runtime counters from EventPipe");
        if (procSampled) parts.Add("RSS, OS threads, fds and CPU from /proc");
        return parts.Count == 0 ? null : "sources: " + string.Join("; ", parts);
    }

    /// <summary>For a remote target: the figures no URL delivered, so the report says what could not be had.</summary>
    public static string? MissingFigures(IReadOnlyList<TargetSample> samples)
    {
        var figures = new (string Name, Func<TargetSample, double?> Value)[]
        {
            ("RSS", s => s.RssBytes ?? s.WorkingSetBytes), ("OS threads", s => s.OsThreads), ("fds", s => s.Fds), ("CPU", s => s.Cpu),
            ("heap", s => s.PostGcHeapBytes ?? s.GcHeapBytes), ("goroutines", s => s.Goroutines),
        };
        var missing = figures.Where(f => !samples.Any(s => f.Value(s) is not null)).Select(f => f.Name).ToList();
        return missing.Count == 0 ? null : $"remote target: not measured (no URL served them): {string.Join(", ", missing)}";
    }
}
