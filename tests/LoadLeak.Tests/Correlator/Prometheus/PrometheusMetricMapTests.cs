using LoadLeak.Correlator.Sampling;
using LoadLeak.Correlator.Sampling.Prometheus;
using LoadLeak.Tests.Correlator.Go;

namespace LoadLeak.Tests.Correlator.Prometheus;

public class PrometheusMetricMapTests
{
    private static Dictionary<string, double> Map(string text, params string[] custom) =>
        PrometheusMetricMap.Map(ExpositionParser.Parse(text), custom).ToDictionary(r => r.Metric, r => r.Value);

    [Fact]
    public void Maps_the_go_client_and_process_collector_names()
    {
        var doc = ExpositionParser.Parse(GoTestData.Text("metrics.txt"));
        var m = PrometheusMetricMap.Map(doc, []).ToDictionary(r => r.Metric, r => r.Value);

        double Exposed(string name) => doc.Named(name).Single().Value;
        Assert.Equal(Exposed("go_goroutines"), m[MetricNames.Goroutines]);
        Assert.Equal(Exposed("go_threads"), m[MetricNames.RuntimeThreads]);
        Assert.Equal(Exposed("go_memstats_heap_inuse_bytes"), m[MetricNames.GoHeapInuse]);
        Assert.Equal(Exposed("go_memstats_stack_inuse_bytes"), m[MetricNames.GoStackInuse]);
        Assert.Equal(Exposed("go_memstats_heap_alloc_bytes"), m[MetricNames.GcHeapSize]);
        Assert.Equal(Exposed("go_memstats_alloc_bytes_total"), m[MetricNames.AllocBytes]);
        Assert.Equal(Exposed("go_gc_duration_seconds_count"), m[MetricNames.GcCount]);
        Assert.Equal(Exposed("go_gc_duration_seconds_sum") * 1000, m[MetricNames.GcPauseMs], 9);
        Assert.Equal(Exposed("process_resident_memory_bytes"), m[MetricNames.Rss]);
        Assert.Equal(Exposed("process_open_fds"), m[MetricNames.Fds]);
        Assert.Equal(Exposed("process_cpu_seconds_total"), m[MetricNames.CpuSeconds]);
        Assert.DoesNotContain(MetricNames.OsThreads, m.Keys);
    }

    [Fact]
    public void Maps_the_dotnet_9_runtime_meter_as_opentelemetry_exports_it_summing_generations()
    {
        var m = Map("""
            # TYPE dotnet_gc_last_collection_heap_size_bytes gauge
            dotnet_gc_last_collection_heap_size_bytes{gc_heap_generation="gen0"} 100
            dotnet_gc_last_collection_heap_size_bytes{gc_heap_generation="gen1"} 20
            dotnet_gc_last_collection_heap_size_bytes{gc_heap_generation="gen2"} 3000
            dotnet_gc_last_collection_heap_size_bytes{gc_heap_generation="loh"} 400
            dotnet_gc_last_collection_heap_size_bytes{gc_heap_generation="poh"} 5
            # TYPE dotnet_thread_pool_thread_count_total counter
            dotnet_thread_pool_thread_count_total 9
            # TYPE dotnet_timer_count gauge
            dotnet_timer_count 4
            # TYPE dotnet_gc_collections_total counter
            dotnet_gc_collections_total{gc_heap_generation="gen0"} 10
            dotnet_gc_collections_total{gc_heap_generation="gen2"} 1
            dotnet_gc_pause_time_seconds_total 0.25
            dotnet_gc_heap_total_allocated_bytes_total 123456
            dotnet_exceptions_total{error_type="System.InvalidOperationException"} 2
            dotnet_monitor_lock_contentions_total 6
            dotnet_process_memory_working_set_bytes 5e7
            dotnet_process_cpu_time_seconds_total{cpu_mode="user"} 1.5
            dotnet_process_cpu_time_seconds_total{cpu_mode="system"} 0.5
            """);

        Assert.Equal(3525, m[MetricNames.PostGcHeapSize]);
        Assert.Equal(9, m[MetricNames.ThreadPoolThreads]);
        Assert.Equal(4, m[MetricNames.Timers]);
        Assert.Equal(11, m[MetricNames.GcCount]);
        Assert.Equal(250, m[MetricNames.GcPauseMs]);
        Assert.Equal(123456, m[MetricNames.AllocBytes]);
        Assert.Equal(2, m[MetricNames.Exceptions]);
        Assert.Equal(6, m[MetricNames.LockContentions]);
        Assert.Equal(5e7, m[MetricNames.WorkingSet]);
        Assert.Equal(2, m[MetricNames.CpuSeconds]);
    }

    [Fact]
    public void Maps_the_older_opentelemetry_runtime_instrumentation_names()
    {
        var m = Map("""
            process_runtime_dotnet_gc_heap_size_bytes{generation="gen0"} 10
            process_runtime_dotnet_gc_heap_size_bytes{generation="gen2"} 90
            process_runtime_dotnet_gc_objects_size_bytes 56505552
            process_runtime_dotnet_thread_pool_threads_count 12
            process_runtime_dotnet_timer_count 3
            process_runtime_dotnet_gc_collections_count_total{generation="gen0"} 12367
            process_runtime_dotnet_gc_collections_count_total{generation="gen2"} 39
            """);

        Assert.Equal(100, m[MetricNames.PostGcHeapSize]);
        Assert.Equal(56505552, m[MetricNames.GcHeapSize]);
        Assert.Equal(12, m[MetricNames.ThreadPoolThreads]);
        Assert.Equal(3, m[MetricNames.Timers]);
        Assert.Equal(12406, m[MetricNames.GcCount]);
    }

    [Fact]
    public void Maps_micrometers_jvm_heap_summed_over_heap_pools_only_and_live_threads()
    {
        var m = Map("""
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1000
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 5000
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 70000
            jvm_threads_live_threads 31
            """);

        Assert.Equal(6000, m[MetricNames.GcHeapSize]);
        Assert.Equal(31, m[MetricNames.RuntimeThreads]);
    }

    [Fact]
    public void The_first_known_name_present_wins_so_two_sources_are_never_summed()
    {
        var m = Map("dotnet_gc_last_collection_heap_size_bytes 7\nprocess_runtime_dotnet_gc_heap_size_bytes 1000\n");
        Assert.Equal(7, m[MetricNames.PostGcHeapSize]);
    }

    [Fact]
    public void A_user_named_gauge_is_read_as_a_custom_metric_summed_over_series_without_nan()
    {
        var m = Map("""
            # TYPE queue_depth gauge
            queue_depth{queue="a"} 3
            queue_depth{queue="b"} 4
            queue_depth{queue="c"} NaN
            # TYPE rpc_seconds summary
            rpc_seconds{quantile="0.5"} 0.1
            rpc_seconds_sum 3
            """, "queue_depth", "rpc_seconds", "absent_metric");

        Assert.Equal(7, m[MetricNames.Custom("queue_depth")]);
        Assert.Equal("custom/queue_depth", MetricNames.Custom("queue_depth"));
        Assert.DoesNotContain(MetricNames.Custom("rpc_seconds"), m.Keys);
        Assert.DoesNotContain(MetricNames.Custom("absent_metric"), m.Keys);
    }

    [Theory]
    [InlineData("queue_depth", true)]
    [InlineData("ns:queue_depth", true)]
    [InlineData("9queue", false)]
    [InlineData("queue-depth", false)]
    [InlineData("", false)]
    public void Tells_valid_metric_names(string name, bool valid) => Assert.Equal(valid, PrometheusMetricMap.IsValidName(name));
}
