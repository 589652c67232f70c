using System.Diagnostics;
using HdrHistogram;
using LoadLeak.Engine.Api;
using LoadLeak.Results;

namespace LoadLeak.Engine.Stats;

/// <summary>
/// The measurements of one scenario. Iterations record concurrently without locks (Interlocked
/// counters, HdrHistogram recorders); one reporter thread takes interval rows. Nothing is kept per
/// request, so memory stays flat however long the run.
/// Latency histograms hold successful iterations only (as NBomber's Ok latency); the corrected one
/// is measured from the intended start (open model), the uncorrected one from the actual start.
/// Totals exclude the warm-up (<c>measured: false</c>); interval rows include it.
/// </summary>
internal sealed class ScenarioMetrics
{
    public const int MaxDistinctErrors = 50;
    public const int MaxDistinctStatusCodes = 100;

    private readonly Recorder _intervalCorrected = LatencyHistograms.NewRecorder();
    private readonly Recorder _intervalUncorrected = LatencyHistograms.NewRecorder();
    private readonly Recorder _totalCorrected = LatencyHistograms.NewRecorder();
    private readonly Recorder _totalUncorrected = LatencyHistograms.NewRecorder();
    private readonly BoundedTally<string> _statusCodes = new(MaxDistinctStatusCodes, "(other)");
    private readonly BoundedTally<(string Status, string Message)> _errors = new(MaxDistinctErrors, ("(other)", "more distinct errors than the report keeps"));
    private readonly Counters _all = new();
    private readonly Counters _measured = new();
    private readonly long _lateToleranceTicks;
    private long _inFlight;

    // Reporter-thread state: the cumulative counts at the previous tick, and histograms to recycle.
    private readonly Counters _atLastTick = new();
    private double _lastTickSeconds;
    private HistogramBase? _recycleCorrected, _recycleUncorrected;

    public ScenarioMetrics(TimeSpan lateTolerance)
    {
        _lateToleranceTicks = (long)(lateTolerance.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>Sets where the first interval starts (run seconds); call before the first iteration.</summary>
    public void BeginIntervals(double startSeconds) => _lastTickSeconds = startSeconds;

    public int InFlight => (int)Interlocked.Read(ref _inFlight);

    /// <summary>Failures so far including the warm-up, for MaxFailCount.</summary>
    public long FailsSoFar => Interlocked.Read(ref _all.Fail);

    /// <summary>Call when an iteration actually starts; counts it Late if it started beyond the tolerance.</summary>
    public void Started(long intendedTimestamp, long startTimestamp, bool measured)
    {
        Interlocked.Increment(ref _inFlight);
        if (startTimestamp - intendedTimestamp <= _lateToleranceTicks) return;
        Interlocked.Increment(ref _all.Late);
        if (measured) Interlocked.Increment(ref _measured.Late);
    }

    /// <summary>Call when an iteration finished (or was abandoned: pass <paramref name="response"/> null).</summary>
    public void Finished(Response? response, long intendedTimestamp, long startTimestamp, long endTimestamp, bool measured)
    {
        Interlocked.Decrement(ref _inFlight);
        if (response is null) return;
        Count(_all, response);
        if (measured) Count(_measured, response);
        var count = Math.Max(1, response.Count);
        if (measured) _statusCodes.Add(response.StatusCode ?? "", count);
        if (!response.IsOk)
        {
            if (measured) _errors.Add((response.StatusCode ?? "", response.Message ?? ""), count);
            return;
        }
        var uncorrectedMs = response.CustomLatencyMs ?? TicksToMs(endTimestamp - startTimestamp);
        var correctedMs = uncorrectedMs + TicksToMs(Math.Max(0, startTimestamp - intendedTimestamp));
        var corrected = LatencyHistograms.ToMicros(correctedMs);
        var uncorrected = LatencyHistograms.ToMicros(uncorrectedMs);
        _intervalCorrected.RecordValueWithCount(corrected, count);
        _intervalUncorrected.RecordValueWithCount(uncorrected, count);
        if (!measured) return;
        _totalCorrected.RecordValueWithCount(corrected, count);
        _totalUncorrected.RecordValueWithCount(uncorrected, count);
    }

    public void Dropped(long count, bool measured)
    {
        Interlocked.Add(ref _all.Dropped, count);
        if (measured) Interlocked.Add(ref _measured.Dropped, count);
    }

    /// <summary>The figures since the previous call. Reporter thread only.</summary>
    public IntervalRow TakeInterval(double t, string scenario, string phase, int concurrency, double targetRate)
    {
        var now = _all.Read();
        var delta = now.Minus(_atLastTick);
        _atLastTick.Set(now);
        var seconds = Math.Max(1e-9, t - _lastTickSeconds);
        _lastTickSeconds = t;
        _recycleCorrected = _recycleCorrected is null ? _intervalCorrected.GetIntervalHistogram() : _intervalCorrected.GetIntervalHistogram(_recycleCorrected);
        _recycleUncorrected = _recycleUncorrected is null ? _intervalUncorrected.GetIntervalHistogram() : _intervalUncorrected.GetIntervalHistogram(_recycleUncorrected);
        var corrected = LatencyHistograms.Summarize(_recycleCorrected);
        var uncorrected = LatencyHistograms.Summarize(_recycleUncorrected);
        return new IntervalRow(t, scenario, phase, delta.Ok, delta.Fail, (delta.Ok + delta.Fail) / seconds,
            corrected.P50, corrected.P99, uncorrected.P99, concurrency, targetRate, delta.Late, delta.Dropped)
        { BytesReceived = delta.Bytes };
    }

    /// <summary>Totals of the measured part. Call once, after the scenario's iterations have finished.</summary>
    public ScenarioStats Summarize(string scenario, double measuredSeconds)
    {
        var totals = _measured.Read();
        var codes = _statusCodes.Snapshot().ToDictionary(kv => kv.Key, kv => kv.Value);
        var errors = _errors.Snapshot().Select(kv => new ErrorCount(kv.Key.Status, kv.Key.Message, kv.Value)).ToList();
        var rps = measuredSeconds > 0 ? (totals.Ok + totals.Fail) / measuredSeconds : 0;
        return new ScenarioStats(scenario, totals.Ok, totals.Fail, rps, measuredSeconds,
            LatencyHistograms.Summarize(_totalCorrected.GetIntervalHistogram()),
            LatencyHistograms.Summarize(_totalUncorrected.GetIntervalHistogram()),
            codes, errors, totals.Bytes, totals.Late, totals.Dropped);
    }

    private static void Count(Counters counters, Response response)
    {
        if (response.IsOk) Interlocked.Add(ref counters.Ok, Math.Max(1, response.Count));
        else Interlocked.Add(ref counters.Fail, Math.Max(1, response.Count));
        if (response.SizeBytes > 0) Interlocked.Add(ref counters.Bytes, response.SizeBytes);
    }

    private static double TicksToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private sealed class Counters
    {
        public long Ok, Fail, Bytes, Late, Dropped;

        public Counters Read() => new()
        {
            Ok = Interlocked.Read(ref Ok),
            Fail = Interlocked.Read(ref Fail),
            Bytes = Interlocked.Read(ref Bytes),
            Late = Interlocked.Read(ref Late),
            Dropped = Interlocked.Read(ref Dropped),
        };

        public Counters Minus(Counters other) => new()
        {
            Ok = Ok - other.Ok,
            Fail = Fail - other.Fail,
            Bytes = Bytes - other.Bytes,
            Late = Late - other.Late,
            Dropped = Dropped - other.Dropped,
        };

        public void Set(Counters other) => (Ok, Fail, Bytes, Late, Dropped) = (other.Ok, other.Fail, other.Bytes, other.Late, other.Dropped);
    }
}
