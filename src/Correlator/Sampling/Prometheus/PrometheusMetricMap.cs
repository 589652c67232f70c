namespace LoadLeak.Correlator.Sampling.Prometheus;

/// <summary>
/// Well-known exposed names and the LoadLeak metrics they are: the Go client's Go and process collectors, .NET
/// runtime metrics as OpenTelemetry's Prometheus exporters name them (the System.Runtime meter of .NET 9+ and
/// the older OpenTelemetry.Instrumentation.Runtime names), prometheus-net's defaults, and JVM Micrometer. Where
/// several names give one metric, the first present in a scrape wins, so two sources are never summed.
/// Per-generation and per-area series are summed.
/// </summary>
internal static class PrometheusMetricMap
{
    public static readonly IReadOnlyList<PrometheusRule> WellKnown =
    [
        new(MetricNames.Goroutines, "go_goroutines"),
        new(MetricNames.RuntimeThreads, "go_threads"),
        new(MetricNames.RuntimeThreads, "jvm_threads_live_threads"),
        new(MetricNames.GoHeapInuse, "go_memstats_heap_inuse_bytes"),
        new(MetricNames.GoStackInuse, "go_memstats_stack_inuse_bytes"),

        new(MetricNames.GcHeapSize, "go_memstats_heap_alloc_bytes"),
        new(MetricNames.GcHeapSize, "process_runtime_dotnet_gc_objects_size_bytes"),
        new(MetricNames.GcHeapSize, "dotnet_total_memory_bytes"),
        new(MetricNames.GcHeapSize, "jvm_memory_used_bytes", LabelName: "area", LabelValue: "heap"),
        new(MetricNames.GcHeapSize, "jvm_memory_used_bytes", LabelName: "jvm_memory_type", LabelValue: "heap"),
        new(MetricNames.PostGcHeapSize, "dotnet_gc_last_collection_heap_size_bytes"),
        new(MetricNames.PostGcHeapSize, "process_runtime_dotnet_gc_heap_size_bytes"),

        new(MetricNames.ThreadPoolThreads, "dotnet_thread_pool_thread_count"),
        new(MetricNames.ThreadPoolThreads, "dotnet_thread_pool_thread_count_total"),
        new(MetricNames.ThreadPoolThreads, "process_runtime_dotnet_thread_pool_threads_count"),
        new(MetricNames.Timers, "dotnet_timer_count"),
        new(MetricNames.Timers, "dotnet_timer_count_total"),
        new(MetricNames.Timers, "process_runtime_dotnet_timer_count"),

        new(MetricNames.AllocBytes, "go_memstats_alloc_bytes_total"),
        new(MetricNames.AllocBytes, "dotnet_gc_heap_total_allocated_bytes_total"),
        new(MetricNames.AllocBytes, "process_runtime_dotnet_gc_allocations_size_bytes_total"),
        new(MetricNames.AllocBytes, "jvm_gc_memory_allocated_bytes_total"),
        new(MetricNames.GcCount, "go_gc_duration_seconds_count"),
        new(MetricNames.GcCount, "dotnet_gc_collections_total"),
        new(MetricNames.GcCount, "process_runtime_dotnet_gc_collections_count_total"),
        new(MetricNames.GcCount, "dotnet_collection_count_total"),
        new(MetricNames.GcPauseMs, "go_gc_duration_seconds_sum", 1000),
        new(MetricNames.GcPauseMs, "dotnet_gc_pause_time_seconds_total", 1000),
        new(MetricNames.GcPauseMs, "jvm_gc_pause_seconds_sum", 1000),
        new(MetricNames.Exceptions, "dotnet_exceptions_total"),
        new(MetricNames.Exceptions, "process_runtime_dotnet_exceptions_count_total"),
        new(MetricNames.LockContentions, "dotnet_monitor_lock_contentions_total"),
        new(MetricNames.LockContentions, "process_runtime_dotnet_monitor_lock_contention_count_total"),

        new(MetricNames.WorkingSet, "dotnet_process_memory_working_set_bytes"),
        new(MetricNames.WorkingSet, "process_working_set_bytes"),
        new(MetricNames.Rss, "process_resident_memory_bytes"),
        new(MetricNames.Fds, "process_open_fds"),
        new(MetricNames.OsThreads, "process_num_threads"),
        new(MetricNames.CpuSeconds, "process_cpu_seconds_total"),
        new(MetricNames.CpuSeconds, "dotnet_process_cpu_time_seconds_total"),
    ];

    /// <summary>True for a name a <c>--target-metric</c> can take: a legacy metric name (letters, digits, _ and :).</summary>
    public static bool IsValidName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or ':');

    /// <summary>The well-known metrics present in the scrape, then each custom name (as <c>custom/NAME</c>) that is.</summary>
    public static IReadOnlyList<MappedReading> Map(ExpositionDocument document, IReadOnlyList<string> customNames)
    {
        var readings = new List<MappedReading>();
        foreach (var rules in WellKnown.GroupBy(r => r.Metric))
        {
            foreach (var rule in rules)
            {
                if (Sum(document.Samples.Where(rule.Matches)) is not { } sum) continue;
                readings.Add(new MappedReading(rule.Metric, sum * rule.Scale, rule.ExposedName));
                break;
            }
        }
        foreach (var name in customNames.Distinct(StringComparer.Ordinal))
        {
            // A summary's or histogram's own name carries quantiles or buckets: no sum of them is a level.
            if (document.TypeOf(name) is MetricFamilyType.Summary or MetricFamilyType.Histogram) continue;
            if (Sum(document.Named(name)) is { } sum) readings.Add(new MappedReading(MetricNames.Custom(name), sum, name));
        }
        return readings;
    }

    /// <summary>The sum of the finite values; null when there are none.</summary>
    private static double? Sum(IEnumerable<ExpositionSample> samples)
    {
        double? sum = null;
        foreach (var sample in samples)
            if (double.IsFinite(sample.Value)) sum = (sum ?? 0) + sample.Value;
        return sum;
    }
}
