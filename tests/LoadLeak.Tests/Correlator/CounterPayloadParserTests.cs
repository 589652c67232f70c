using System.Collections;
using LoadLeak.Correlator.Sampling.EventPipe;

namespace LoadLeak.Tests.Correlator;

public class CounterPayloadParserTests
{
    private static Func<string, object?> Fields(Dictionary<string, object?> d) => name => d.GetValueOrDefault(name);

    private static Dictionary<string, object?> Meter(string instrument, string tags = "", string? rate = null, string? value = null,
        string? lastValue = null) => new()
        {
            ["sessionId"] = "s1",
            ["meterName"] = "System.Runtime",
            ["meterVersion"] = "",
            ["instrumentName"] = instrument,
            ["unit"] = "By",
            ["tags"] = tags,
            ["rate"] = rate,
            ["value"] = value,
            ["lastValue"] = lastValue,
        };

    [Fact]
    public void Counter_rate_carries_the_increase_and_the_running_total()
    {
        Assert.True(CounterPayloadParser.TryGetCounterPayload(CounterProviders.MetricsProvider, "CounterRateValuePublished",
            Fields(Meter("dotnet.gc.heap.total_allocated", rate: "1048576", value: "123456789")), out var p));
        var rate = Assert.IsType<RatePayload>(p);
        Assert.Equal(1048576, rate.Rate);
        Assert.Equal(123456789, rate.Total);
        Assert.Equal(CounterOrigin.Meter, rate.Origin);
    }

    [Fact]
    public void Up_down_counter_level_is_the_value_field_not_the_rate()
    {
        Assert.True(CounterPayloadParser.TryGetCounterPayload(CounterProviders.MetricsProvider, "UpDownCounterRateValuePublished",
            Fields(Meter("dotnet.timer.count", rate: "-3", value: "42")), out var p));
        Assert.Equal(42, Assert.IsType<GaugePayload>(p).Value);
    }

    [Fact]
    public void Gauge_reads_last_value_with_invariant_culture()
    {
        Assert.True(CounterPayloadParser.TryGetCounterPayload(CounterProviders.MetricsProvider, "GaugeValuePublished",
            Fields(Meter("x", tags: "a=b", lastValue: "1.5E3")), out var p));
        var g = Assert.IsType<GaugePayload>(p);
        Assert.Equal(1500, g.Value);
        Assert.Equal("a=b", g.Tags);
    }

    [Fact]
    public void Meter_errors_and_cycle_boundaries_are_recognised()
    {
        Assert.True(CounterPayloadParser.TryGetCounterPayload(CounterProviders.MetricsProvider, "TimeSeriesLimitReached",
            Fields(new() { ["errorMessage"] = "" }), out var e));
        Assert.IsType<ErrorPayload>(e);
        Assert.True(CounterPayloadParser.TryGetCounterPayload(CounterProviders.MetricsProvider, "CollectionStop", Fields(new()), out var c));
        Assert.False(Assert.IsType<CycleBoundaryPayload>(c).IsStart);
    }

    [Fact]
    public void Missing_or_garbled_values_are_rejected_without_throwing()
    {
        Assert.False(CounterPayloadParser.TryGetCounterPayload(CounterProviders.MetricsProvider, "GaugeValuePublished",
            Fields(Meter("x", lastValue: "")), out _));
        Assert.False(CounterPayloadParser.TryGetCounterPayload(CounterProviders.MetricsProvider, "CounterRateValuePublished",
            Fields(Meter("x", rate: "n/a", value: "NaN")), out _));
        Assert.False(CounterPayloadParser.TryGetCounterPayload(CounterProviders.MetricsProvider, "GaugeValuePublished",
            _ => throw new InvalidCastException("bad field"), out _));
        Assert.False(CounterPayloadParser.TryGetCounterPayload("Other", "Whatever", Fields(new()), out _));
    }

    [Fact]
    public void Event_counters_mean_and_sum_nested_as_trace_event_delivers_them()
    {
        var mean = new NoKeysDictionary { ["Name"] = "gc-heap-size", ["Mean"] = 12.5, ["CounterType"] = "Mean", ["DisplayUnits"] = "MB" };
        var outer = new NoKeysDictionary { ["Payload"] = mean };
        Assert.True(CounterPayloadParser.TryGetCounterPayload("System.Runtime", "EventCounters", n => n == "Payload" ? outer : null, out var p));
        var g = Assert.IsType<GaugePayload>(p);
        Assert.Equal(("gc-heap-size", 12.5, CounterOrigin.EventCounter), (g.Name, g.Value, g.Origin));

        var sum = new NoKeysDictionary { ["Name"] = "alloc-rate", ["Increment"] = 4096f, ["CounterType"] = "Sum" };
        Assert.True(CounterPayloadParser.TryGetCounterPayload("System.Runtime", "EventCounters", n => n == "Payload" ? sum : null, out var r));
        var rate = Assert.IsType<RatePayload>(r);
        Assert.Equal(4096, rate.Rate);
        Assert.Null(rate.Total);
    }

    /// <summary>Like TraceEvent's payload dictionaries: enumerating the keys throws.</summary>
    private sealed class NoKeysDictionary : IDictionary<string, object>
    {
        private readonly Dictionary<string, object> _inner = [];
        public object this[string key] { get => _inner[key]; set => _inner[key] = value; }
        public ICollection<string> Keys => throw new NotSupportedException("Keys");
        public ICollection<object> Values => throw new NotSupportedException("Values");
        public int Count => _inner.Count;
        public bool IsReadOnly => false;
        public void Add(string key, object value) => _inner.Add(key, value);
        public void Add(KeyValuePair<string, object> item) => _inner.Add(item.Key, item.Value);
        public void Clear() => _inner.Clear();
        public bool Contains(KeyValuePair<string, object> item) => throw new NotSupportedException();
        public bool ContainsKey(string key) => _inner.ContainsKey(key);
        public void CopyTo(KeyValuePair<string, object>[] array, int arrayIndex) => throw new NotSupportedException();
        public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => throw new NotSupportedException("enumerate");
        public bool Remove(string key) => _inner.Remove(key);
        public bool Remove(KeyValuePair<string, object> item) => throw new NotSupportedException();
        public bool TryGetValue(string key, out object value) => _inner.TryGetValue(key, out value!);
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
