using LoadLeak.Correlator.Sampling;
using LoadLeak.Correlator.Sampling.EventPipe;

namespace LoadLeak.Tests.Correlator;

public class RuntimeCounterMapperTests
{
    private static GaugePayload Gen(string gen, double bytes) =>
        new(CounterOrigin.Meter, "dotnet.gc.last_collection.heap.size", "By", "gc.heap.generation=" + gen, bytes);

    [Fact]
    public void Heap_per_generation_is_summed_once_per_cycle()
    {
        var mapper = new RuntimeCounterMapper(CounterMode.Meter);
        Assert.Empty(mapper.Map(new CycleBoundaryPayload(true), 1));
        Assert.Empty(mapper.Map(Gen("gen0", 1), 1));
        Assert.Empty(mapper.Map(Gen("gen2", 10), 1));
        Assert.Empty(mapper.Map(Gen("loh", 100), 1));
        var flushed = Assert.Single(mapper.Map(new CycleBoundaryPayload(false), 1.1));
        Assert.Equal(new Measurement(1.1, MetricNames.PostGcHeapSize, 111), flushed);

        // No cycle events: the same series coming back starts a new cycle.
        Assert.Empty(mapper.Map(Gen("gen0", 2), 2));
        Assert.Equal(112, Assert.Single(mapper.Map(Gen("gen0", 3), 3)).Value);
        Assert.Equal(113, Assert.Single(mapper.Flush(4)).Value);
    }

    [Fact]
    public void Meter_values_are_converted_to_metric_units()
    {
        var mapper = new RuntimeCounterMapper(CounterMode.Meter);
        var pause = Assert.Single(mapper.Map(new RatePayload(CounterOrigin.Meter, "dotnet.gc.pause.time", "s", "", 0.01, 1.5), 1));
        Assert.Equal((MetricNames.GcPauseMs, 1500.0), (pause.Name, pause.Value));
        var pool = Assert.Single(mapper.Map(new RatePayload(CounterOrigin.Meter, "dotnet.thread_pool.thread.count", "", "", 0, 7), 1));
        Assert.Equal((MetricNames.ThreadPoolThreads, 7.0), (pool.Name, pool.Value));
        Assert.Empty(mapper.Map(new GaugePayload(CounterOrigin.Meter, "dotnet.jit.compiled_methods", "", "", 3), 1));
    }

    [Fact]
    public void With_the_meter_on_event_counters_only_supply_gc_heap_size()
    {
        var mapper = new RuntimeCounterMapper(CounterMode.Meter);
        Assert.Equal(2_000_000, Assert.Single(mapper.Map(new GaugePayload(CounterOrigin.EventCounter, "gc-heap-size", "MB", "", 2), 1)).Value);
        Assert.Empty(mapper.Map(new GaugePayload(CounterOrigin.EventCounter, "threadpool-thread-count", "", "", 4), 1));
    }

    [Fact]
    public void Legacy_increments_become_running_totals()
    {
        var mapper = new RuntimeCounterMapper(CounterMode.EventCounters);
        Assert.Equal(100, Assert.Single(mapper.Map(new RatePayload(CounterOrigin.EventCounter, "alloc-rate", "B", "", 100, null), 1)).Value);
        Assert.Equal(350, Assert.Single(mapper.Map(new RatePayload(CounterOrigin.EventCounter, "alloc-rate", "B", "", 250, null), 2)).Value);
        Assert.Equal(4, Assert.Single(mapper.Map(new GaugePayload(CounterOrigin.EventCounter, "threadpool-thread-count", "", "", 4), 2)).Value);
    }
}
