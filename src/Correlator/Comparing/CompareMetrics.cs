namespace LoadLeak.Correlator.Comparing;

/// <summary>The metrics `loadleak compare` puts side by side.</summary>
internal static class CompareMetrics
{
    public static readonly IReadOnlyList<ComparedMetric> All =
    [
        new("startup-time", "s", false, "launch until the readiness check passed"),
        new("baseline-memory", "MB", false, "RSS (or working set) at the end of the warm-up"),
        new("memory-increment", "MB", false, "peak RSS under load minus the baseline"),
        new("retained-per-request", "B", false, "retained heap growth (after full GCs) per request"),
        new("cpu-per-request", "µs", false, "target CPU time per request"),
        new("rps", "req/s", true, "requests per second, all scenarios"),
        new("p50", "ms", false, "median latency (weighted by successful requests over scenarios)"),
        new("p99", "ms", false, "99th percentile latency (weighted by successful requests over scenarios)"),
        new("errors", "count", false, "failed requests"),
        new("gc-pause-share", "%", false, "share of the run the target spent in GC pauses"),
        new("threads-increment", "count", false, "peak threads under load minus the baseline"),
    ];

    public static ComparedMetric Get(string name) => All.First(m => m.Name == name);
}
