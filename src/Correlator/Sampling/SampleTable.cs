using LoadLeak.Results;

namespace LoadLeak.Correlator.Sampling;

/// <summary>
/// Folds raw readings into one <see cref="TargetSample"/> per second of the run clock
/// (sample T = end of its second). Levels take the second's last reading; running totals become
/// the increase per second against the previous reading. A second without a reading is null,
/// never 0, and never interpolated. Thread-safe.
/// Raw readings are kept only for the last <see cref="SettleSeconds"/> seconds (plus the look-back a
/// rate needs); older seconds are folded once into their <see cref="TargetSample"/>. A soak of a day
/// then holds a fraction of the raw readings (the raw table was what grew in LoadLeak's own heap on a long
/// run; figures in bench/README).
/// </summary>
public sealed class SampleTable
{
    /// <summary>A running total older than this is too stale to derive a per-second rate from.</summary>
    private const double MaxRateGapSeconds = 3.5;
    private static readonly long RateLookBackSeconds = (long)Math.Ceiling(MaxRateGapSeconds);

    /// <summary>Readings arrive up to a few seconds late (EventPipe batches); a second this old is final.</summary>
    public const long SettleSeconds = 10;

    private readonly object _gate = new();
    private readonly SortedDictionary<long, Dictionary<string, Measurement>> _seconds = new();
    private readonly List<TargetSample> _folded = [];
    private long _foldedThrough = long.MinValue;
    private bool _hasPoolThreads;

    /// <summary>Readings that arrived after their second was folded; they are dropped.</summary>
    public long LateReadings { get; private set; }

    public void Add(Measurement m)
    {
        if (double.IsNaN(m.Value) || double.IsInfinity(m.Value) || m.T < 0) return;
        var second = (long)Math.Floor(m.T);
        lock (_gate)
        {
            if (second <= _foldedThrough)
            {
                LateReadings++;
                return;
            }
            if (m.Name == MetricNames.ThreadPoolThreads) _hasPoolThreads = true;
            if (!_seconds.TryGetValue(second, out var bucket))
                _seconds[second] = bucket = new Dictionary<string, Measurement>(StringComparer.Ordinal);
            if (!bucket.TryGetValue(m.Name, out var prior) || prior.T <= m.T)
                bucket[m.Name] = m;
            Settle(second);
        }
    }

    public int Count
    {
        get { lock (_gate) return _folded.Count + _seconds.Keys.Count(s => s > _foldedThrough); }
    }

    /// <summary>Every second from the first reading to the last, gaps included as null rows.</summary>
    public IReadOnlyList<TargetSample> Build()
    {
        lock (_gate)
        {
            var recent = _seconds.Keys.Where(s => s > _foldedThrough).ToList();
            if (_folded.Count == 0 && recent.Count == 0) return [];
            var first = _folded.Count > 0 ? (long)_folded[0].T - 1 : recent[0];
            var last = recent.Count > 0 ? recent[^1] : _foldedThrough;
            var rows = new List<TargetSample>((int)(last - first + 1));
            var next = 0;
            for (var s = first; s <= last; s++)
            {
                if (next < _folded.Count && (long)_folded[next].T - 1 == s) rows.Add(WithThreads(_folded[next++]));
                else rows.Add(s <= _foldedThrough ? new TargetSample { T = s + 1 } : WithThreads(Fold(s)));
            }
            return rows;
        }
    }

    /// <summary>Folds the seconds that can no longer change and drops raw readings no rate needs any more.</summary>
    private void Settle(long newest)
    {
        var settled = newest - SettleSeconds;
        if (settled <= _foldedThrough) return;
        foreach (var s in _seconds.Keys.Where(s => s > _foldedThrough && s <= settled).ToList())
            _folded.Add(Fold(s));
        _foldedThrough = settled;
        foreach (var s in _seconds.Keys.TakeWhile(s => s < settled - RateLookBackSeconds).ToList())
            _seconds.Remove(s);
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
            var done = _seconds.Keys.LastOrDefault(k => k < current && k > _foldedThrough, long.MinValue);
            if (done != long.MinValue) return WithThreads(Fold(done));
            return _folded.Count > 0 && _folded[^1].T - 1 < current ? WithThreads(_folded[^1]) : null;
        }
    }

    private TargetSample Fold(long second)
    {
        _seconds.TryGetValue(second, out var bucket);
        double? Level(string name) => bucket is not null && bucket.TryGetValue(name, out var m) ? m.Value : null;
        double? PerSecond(string name) => RatePerSecond(second, bucket, name);

        return new TargetSample
        {
            T = second + 1,
            GcHeapBytes = Level(MetricNames.GcHeapSize),
            PostGcHeapBytes = Level(MetricNames.PostGcHeapSize),
            WorkingSetBytes = Level(MetricNames.WorkingSet),
            RssBytes = Level(MetricNames.Rss),
            OsThreads = Level(MetricNames.OsThreads),
            ThreadPoolThreads = Level(MetricNames.ThreadPoolThreads),
            Timers = Level(MetricNames.Timers),
            Fds = Level(MetricNames.Fds),
            Cpu = PerSecond(MetricNames.CpuSeconds),
            AllocRateBytesPerSec = PerSecond(MetricNames.AllocBytes),
            GcPauseMs = PerSecond(MetricNames.GcPauseMs),
            GcCount = PerSecond(MetricNames.GcCount),
            Exceptions = PerSecond(MetricNames.Exceptions),
            LockContentions = PerSecond(MetricNames.LockContentions),
            Goroutines = Level(MetricNames.Goroutines),
            GoHeapInuseBytes = Level(MetricNames.GoHeapInuse),
            GoStackInuseBytes = Level(MetricNames.GoStackInuse),
            RuntimeThreads = Level(MetricNames.RuntimeThreads),
            Metrics = CustomLevels(bucket),
        };
    }

    /// <summary>
    /// The legacy <see cref="TargetSample.Threads"/> series takes one source for the whole run (the pool's count
    /// once the target has reported it, else OS threads), so a counter gap is a gap, not a switch to /proc.
    /// </summary>
    private TargetSample WithThreads(TargetSample s)
    {
        var threads = _hasPoolThreads ? s.ThreadPoolThreads : s.OsThreads;
        return s.Threads == threads ? s : s with { Threads = threads };
    }

    private static Dictionary<string, double>? CustomLevels(Dictionary<string, Measurement>? bucket)
    {
        if (bucket is null) return null;
        Dictionary<string, double>? custom = null;
        foreach (var (name, m) in bucket)
        {
            if (!name.StartsWith(MetricNames.CustomPrefix, StringComparison.Ordinal)) continue;
            (custom ??= new(StringComparer.Ordinal))[name[MetricNames.CustomPrefix.Length..]] = m.Value;
        }
        return custom;
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
