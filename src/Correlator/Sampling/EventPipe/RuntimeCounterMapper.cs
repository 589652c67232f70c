namespace LoadLeak.Correlator.Sampling.EventPipe;

/// <summary>
/// Maps runtime counter payloads to <see cref="MetricNames"/> readings. Per-tag series (heap size
/// per generation, collections per generation) are summed once per publishing cycle, so a second
/// never sees a half-summed heap. Not thread-safe: one instance per session callback thread.
/// </summary>
internal sealed class RuntimeCounterMapper(CounterMode mode)
{
    private sealed record Target(string Metric, double Scale, bool Summed);

    private static readonly Dictionary<string, Target> MeterInstruments = new(StringComparer.Ordinal)
    {
        ["dotnet.gc.last_collection.heap.size"] = new(MetricNames.PostGcHeapSize, 1, true),
        ["dotnet.process.memory.working_set"] = new(MetricNames.WorkingSet, 1, false),
        ["dotnet.thread_pool.thread.count"] = new(MetricNames.ThreadPoolThreads, 1, false),
        ["dotnet.timer.count"] = new(MetricNames.Timers, 1, false),
        ["dotnet.gc.collections"] = new(MetricNames.GcCount, 1, true),
        ["dotnet.gc.heap.total_allocated"] = new(MetricNames.AllocBytes, 1, false),
        ["dotnet.gc.pause.time"] = new(MetricNames.GcPauseMs, 1000, false),
        ["dotnet.exceptions"] = new(MetricNames.Exceptions, 1, true),
        ["dotnet.monitor.lock_contentions"] = new(MetricNames.LockContentions, 1, false),
    };

    // EventCounters publish MB as 10^6 bytes (RuntimeEventSource divides by 1_000_000).
    private static readonly Dictionary<string, Target> LegacyCounters = new(StringComparer.Ordinal)
    {
        ["gc-heap-size"] = new(MetricNames.GcHeapSize, 1e6, false),
        ["working-set"] = new(MetricNames.WorkingSet, 1e6, false),
        ["threadpool-thread-count"] = new(MetricNames.ThreadPoolThreads, 1, false),
        ["active-timer-count"] = new(MetricNames.Timers, 1, false),
        ["alloc-rate"] = new(MetricNames.AllocBytes, 1, false),
        ["gen-0-gc-count"] = new(MetricNames.GcCount, 1, true),
        ["gen-1-gc-count"] = new(MetricNames.GcCount, 1, true),
        ["gen-2-gc-count"] = new(MetricNames.GcCount, 1, true),
        ["total-pause-time-by-gc"] = new(MetricNames.GcPauseMs, 1, false),
        ["exception-count"] = new(MetricNames.Exceptions, 1, false),
        ["monitor-lock-contention-count"] = new(MetricNames.LockContentions, 1, false),
        // Generation sizes as of the last GC: their sum is the post-GC heap on runtimes without the meter.
        ["gen-0-size"] = new(MetricNames.PostGcHeapSize, 1, true),
        ["gen-1-size"] = new(MetricNames.PostGcHeapSize, 1, true),
        ["gen-2-size"] = new(MetricNames.PostGcHeapSize, 1, true),
        ["loh-size"] = new(MetricNames.PostGcHeapSize, 1, true),
        ["poh-size"] = new(MetricNames.PostGcHeapSize, 1, true),
    };

    private readonly Dictionary<string, Dictionary<string, double>> _parts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _dirty = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _runningTotals = new(StringComparer.Ordinal);

    public CounterMode Mode { get; } = mode;

    /// <summary>Readings for one payload (possibly none; possibly a flushed sum of the previous cycle).</summary>
    public IReadOnlyList<Measurement> Map(CounterPayload payload, double t)
    {
        var output = new List<Measurement>(2);
        switch (payload)
        {
            case CycleBoundaryPayload:
                FlushAll(t, output);
                break;
            case GaugePayload or RatePayload when Resolve(payload) is { } target:
                var value = AbsoluteValue(payload, target) * target.Scale;
                if (target.Summed) AddPart(target.Metric, SeriesKey(payload), value, t, output);
                else output.Add(new Measurement(t, target.Metric, value));
                break;
        }
        return output;
    }

    /// <summary>Emits every pending per-tag sum (at session end).</summary>
    public IReadOnlyList<Measurement> Flush(double t)
    {
        var output = new List<Measurement>();
        FlushAll(t, output);
        return output;
    }

    private Target? Resolve(CounterPayload payload)
    {
        if (payload.Origin == CounterOrigin.Meter)
            return MeterInstruments.GetValueOrDefault(payload.Name);
        var target = LegacyCounters.GetValueOrDefault(payload.Name);
        // With the meter on, EventCounters only fill in what the meter lacks: mixing the two would
        // splice running totals from different origins into bogus per-second rates.
        if (target is null || (Mode == CounterMode.Meter && target.Metric != MetricNames.GcHeapSize)) return null;
        return target;
    }

    private double AbsoluteValue(CounterPayload payload, Target target)
    {
        switch (payload)
        {
            case GaugePayload g:
                return g.Value;
            case RatePayload { Total: { } total }:
                return total;
            case RatePayload r:
                // EventCounters send increments; keep our own running total since the session started.
                var key = SeriesKey(payload);
                var sum = _runningTotals.GetValueOrDefault(key) + r.Rate / target.Scale;
                _runningTotals[key] = sum;
                return sum;
            default:
                return double.NaN;
        }
    }

    private static string SeriesKey(CounterPayload payload) => payload.Name + "|" + payload.Tags;

    private void AddPart(string metric, string series, double value, double t, List<Measurement> output)
    {
        if (!_dirty.TryGetValue(metric, out var dirty)) _dirty[metric] = dirty = new HashSet<string>(StringComparer.Ordinal);
        // The same series again before a cycle boundary means a new cycle has begun.
        if (dirty.Contains(series)) Flush(metric, t, output);
        if (!_parts.TryGetValue(metric, out var parts)) _parts[metric] = parts = new Dictionary<string, double>(StringComparer.Ordinal);
        parts[series] = value;
        dirty.Add(series);
    }

    private void FlushAll(double t, List<Measurement> output)
    {
        foreach (var metric in _dirty.Keys.ToList()) Flush(metric, t, output);
    }

    private void Flush(string metric, double t, List<Measurement> output)
    {
        if (!_dirty.TryGetValue(metric, out var dirty) || dirty.Count == 0) return;
        output.Add(new Measurement(t, metric, _parts[metric].Values.Sum()));
        dirty.Clear();
    }
}
