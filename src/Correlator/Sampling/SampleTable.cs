namespace LoadLeak.Correlator.Sampling;

/// <summary>
/// Folds raw readings into one <see cref="TargetSample"/> per second of the run clock
/// (sample T = end of its second). Levels take the second's last reading; running totals become
/// the increase per second against the previous reading. A second without a reading is null,
/// never 0, and never interpolated. Thread-safe.
/// </summary>
public sealed class SampleTable
{
    /// <summary>A running total older than this is too stale to derive a per-second rate from.</summary>
    private const double MaxRateGapSeconds = 3.5;

    private readonly object _gate = new();
    private readonly SortedDictionary<long, Dictionary<string, Measurement>> _seconds = new();

    public void Add(Measurement m)
    {
        if (double.IsNaN(m.Value) || double.IsInfinity(m.Value) || m.T < 0) return;
        var second = (long)Math.Floor(m.T);
        lock (_gate)
        {
            if (!_seconds.TryGetValue(second, out var bucket))
                _seconds[second] = bucket = new Dictionary<string, Measurement>(StringComparer.Ordinal);
            if (!bucket.TryGetValue(m.Name, out var prior) || prior.T <= m.T)
                bucket[m.Name] = m;
        }
    }

    public int Count
    {
        get { lock (_gate) return _seconds.Count; }
    }

    /// <summary>Every second from the first reading to the last, gaps included as null rows.</summary>
    public IReadOnlyList<TargetSample> Build()
    {
        lock (_gate)
        {
            if (_seconds.Count == 0) return [];
            var first = _seconds.Keys.First();
            var last = _seconds.Keys.Last();
            var rows = new List<TargetSample>((int)(last - first + 1));
            for (var s = first; s <= last; s++) rows.Add(Fold(s));
            return rows;
        }
    }

    /// <summary>
    /// The newest second that ended at least a second before <paramref name="now"/> (EventPipe
    /// readings arrive up to ~1 s late), for the live console.
    /// </summary>
    public TargetSample? Latest(double now)
    {
        var current = (long)Math.Floor(now) - 1;
        lock (_gate)
        {
            var done = _seconds.Keys.LastOrDefault(k => k < current, long.MinValue);
            return done == long.MinValue ? null : Fold(done);
        }
    }

    private TargetSample Fold(long second)
    {
        _seconds.TryGetValue(second, out var bucket);
        double? Level(string name) => bucket is not null && bucket.TryGetValue(name, out var m) ? m.Value : null;
        double? PerSecond(string name) => RatePerSecond(second, bucket, name);

        var poolThreads = Level(MetricNames.ThreadPoolThreads);
        var osThreads = Level(MetricNames.OsThreads);
        return new TargetSample
        {
            T = second + 1,
            GcHeapBytes = Level(MetricNames.GcHeapSize),
            PostGcHeapBytes = Level(MetricNames.PostGcHeapSize),
            WorkingSetBytes = Level(MetricNames.WorkingSet),
            RssBytes = Level(MetricNames.Rss),
            Threads = poolThreads ?? osThreads,
            OsThreads = osThreads,
            Timers = Level(MetricNames.Timers),
            Fds = Level(MetricNames.Fds),
            Cpu = PerSecond(MetricNames.CpuSeconds),
            AllocRateBytesPerSec = PerSecond(MetricNames.AllocBytes),
            GcPauseMs = PerSecond(MetricNames.GcPauseMs),
            GcCount = PerSecond(MetricNames.GcCount),
            Exceptions = PerSecond(MetricNames.Exceptions),
            LockContentions = PerSecond(MetricNames.LockContentions),
        };
    }

    private double? RatePerSecond(long second, Dictionary<string, Measurement>? bucket, string name)
    {
        if (bucket is null || !bucket.TryGetValue(name, out var now)) return null;
        for (var s = second - 1; s >= second - (long)Math.Ceiling(MaxRateGapSeconds); s--)
        {
            if (!_seconds.TryGetValue(s, out var earlier) || !earlier.TryGetValue(name, out var before)) continue;
            var dt = now.T - before.T;
            var delta = now.Value - before.Value;
            // A running total that went down was reset (new session): no honest rate for this second.
            if (dt <= 0 || dt > MaxRateGapSeconds || delta < 0) return null;
            return delta / dt;
        }
        return null;
    }
}
