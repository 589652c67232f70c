using HdrHistogram;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Schedules;
using LoadLeak.Results;

namespace LoadLeak.Engine.Stats;

/// <summary>
/// The measurements of one scenario. Iterations record concurrently without locks (Interlocked
/// counters, HdrHistogram recorders) into the meter of the phase they started in and, when that phase is
/// measured, into the totals. Nothing is kept per request, so memory stays flat however long the run.
/// Latency histograms hold successful iterations only (as NBomber's Ok latency); the corrected one
/// is measured from the intended start (open model), the uncorrected one from the actual start.
/// Totals exclude the warm-up; interval rows include it.
/// </summary>
internal sealed class ScenarioMetrics
{
    public const int MaxDistinctErrors = 50;
    public const int MaxDistinctStatusCodes = 100;

    private readonly Recorder _totalCorrected = LatencyHistograms.NewRecorder();
    private readonly Recorder _totalUncorrected = LatencyHistograms.NewRecorder();
    private readonly BoundedTally<string> _statusCodes = new(MaxDistinctStatusCodes, "(other)");
    private readonly BoundedTally<(string Status, string Message)> _errors =
        new(MaxDistinctErrors, ("(other)", "more distinct errors than the report keeps"));
    private readonly AtomicCounts _measured = new();
    private readonly Stack<IntervalRecorders> _spare = new();
    private readonly long _lateToleranceTicks;
    private readonly long _ticksPerSecond;
    private readonly double _ticksPerMs;
    private long _failsSoFar;

    public ScenarioMetrics(TimeSpan lateTolerance, long ticksPerSecond)
    {
        _lateToleranceTicks = (long)(lateTolerance.TotalSeconds * ticksPerSecond);
        _ticksPerSecond = ticksPerSecond;
        _ticksPerMs = ticksPerSecond / 1000.0;
    }

    /// <summary>Failures so far including the warm-up, for MaxFailCount.</summary>
    public long FailsSoFar => Interlocked.Read(ref _failsSoFar);

    /// <summary>A meter for a phase starting at <paramref name="start"/>, reusing the interval recorders of a phase already reported.</summary>
    public PhaseMeter Open(PlannedPhase phase, long start, double startSeconds)
    {
        IntervalRecorders? recorders;
        lock (_spare) _spare.TryPop(out recorders);
        var budget = (phase.Closed?.Iterations ?? phase.Open?.Iterations) is { } iterations ? new IterationBudget(iterations) : null;
        var plannedEnd = phase.Duration is { } d ? start + (long)Math.Round(d.TotalSeconds * _ticksPerSecond) : long.MaxValue;
        return new PhaseMeter(phase, start, plannedEnd, startSeconds, recorders ?? new IntervalRecorders(), budget);
    }

    /// <summary>The phase's last row was taken and nothing of it is in flight: its recorders serve the next phase.</summary>
    public void Release(PhaseMeter meter)
    {
        lock (_spare) _spare.Push(meter.Recorders);
    }

    /// <summary>Call when an iteration actually starts; counts it Late if it started beyond the tolerance.</summary>
    public void Started(PhaseMeter meter, long intendedTimestamp, long startTimestamp)
    {
        if (startTimestamp - intendedTimestamp <= _lateToleranceTicks) return;
        meter.Counts.AddLate();
        if (meter.Measured) _measured.AddLate();
    }

    /// <summary>
    /// Call when an iteration finished (or was abandoned: pass <paramref name="response"/> null). Leaves the
    /// meter last, so that once the reporter sees nothing in flight, everything of the phase is recorded.
    /// </summary>
    public void Finished(PhaseMeter meter, Response? response, long intendedTimestamp, long startTimestamp, long endTimestamp)
    {
        if (response is not null) Record(meter, response, intendedTimestamp, startTimestamp, endTimestamp);
        meter.Leave();
    }

    public void Dropped(PhaseMeter meter, long count)
    {
        meter.Counts.AddDropped(count);
        if (meter.Measured) _measured.AddDropped(count);
    }

    /// <summary>Totals of the measured part. Call once, after the scenario's iterations have finished.</summary>
    public ScenarioStats Summarize(string scenario, double measuredSeconds, StepTable steps)
    {
        var totals = _measured.Read();
        var codes = _statusCodes.Snapshot().ToDictionary(kv => kv.Key, kv => kv.Value);
        var errors = _errors.Snapshot().Select(kv => new ErrorCount(kv.Key.Status, kv.Key.Message, kv.Value)).ToList();
        var rps = measuredSeconds > 0 ? totals.Total / measuredSeconds : 0;
        return new ScenarioStats(scenario, totals.Ok, totals.Fail, rps, measuredSeconds,
            LatencyHistograms.Summarize(_totalCorrected.GetIntervalHistogram()),
            LatencyHistograms.Summarize(_totalUncorrected.GetIntervalHistogram()),
            codes, errors, totals.Bytes, totals.Late, totals.Dropped)
        {
            Steps = steps.Summarize(),
        };
    }

    private void Record(PhaseMeter meter, Response response, long intendedTimestamp, long startTimestamp, long endTimestamp)
    {
        var count = Math.Max(1, response.Count);
        var measured = meter.Measured;
        meter.Counts.Count(response, count);
        if (measured)
        {
            _measured.Count(response, count);
            _statusCodes.Add(response.StatusCode ?? "", count);
        }
        if (!response.IsOk)
        {
            Interlocked.Add(ref _failsSoFar, count);
            if (measured) _errors.Add((response.StatusCode ?? "", response.Message ?? ""), count);
            return;
        }
        var uncorrectedMs = response.CustomLatencyMs ?? (endTimestamp - startTimestamp) / _ticksPerMs;
        var correctedMs = uncorrectedMs + Math.Max(0, startTimestamp - intendedTimestamp) / _ticksPerMs;
        var corrected = LatencyHistograms.ToMicros(correctedMs);
        var uncorrected = LatencyHistograms.ToMicros(uncorrectedMs);
        meter.Recorders.Corrected.RecordValueWithCount(corrected, count);
        meter.Recorders.Uncorrected.RecordValueWithCount(uncorrected, count);
        if (!measured) return;
        _totalCorrected.RecordValueWithCount(corrected, count);
        _totalUncorrected.RecordValueWithCount(uncorrected, count);
    }
}
