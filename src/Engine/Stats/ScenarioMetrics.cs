using HdrHistogram;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Schedules;
using LoadLeak.Results;

namespace LoadLeak.Engine.Stats;

/// <summary>
/// The measurements of one scenario. Iterations record concurrently without locks (Interlocked
/// counters, HdrHistogram recorders) into the meter of the phase they started in; the totals are the sum of the
/// measured phases' meters (counts) and of their interval histograms (added as the reporter takes each row, the
/// rest at <see cref="Summarize"/>), so an iteration is recorded once, not once per phase and again for the totals.
/// Nothing is kept per request, so memory stays flat however long the run.
/// Latency histograms hold successful iterations only (as NBomber's Ok latency); the corrected one
/// is measured from the intended start (open model), the uncorrected one from the actual start.
/// Totals exclude the warm-up; interval rows include it.
/// </summary>
internal sealed class ScenarioMetrics
{
    public const int MaxDistinctErrors = 50;
    public const int MaxDistinctStatusCodes = 100;

    // Reporter thread (under the scenario's PhaseRows lock), then Summarize once the reporter is done.
    private readonly HistogramBase _totalCorrected = LatencyHistograms.NewHistogram();
    private readonly HistogramBase _totalUncorrected = LatencyHistograms.NewHistogram();
    private readonly BoundedTally<string> _statusCodes = new(MaxDistinctStatusCodes, "(other)");
    private readonly BoundedTally<(string Status, string Message)> _errors =
        new(MaxDistinctErrors, ("(other)", "more distinct errors than the report keeps"));
    private readonly List<PhaseMeter> _measured = [];
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
        var meter = new PhaseMeter(phase, start, plannedEnd, startSeconds, recorders ?? new IntervalRecorders(), budget);
        if (meter.Measured)
            lock (_measured) _measured.Add(meter);
        return meter;
    }

    /// <summary>The phase's last row was taken and nothing of it is in flight: its recorders serve the next phase.</summary>
    public void Release(PhaseMeter meter)
    {
        meter.RowsDone = true;
        lock (_spare) _spare.Push(meter.Recorders);
    }

    /// <summary>A row's histograms, taken from a measured phase's recorders, join the totals. Reporter thread only.</summary>
    public void AddToTotals(HistogramBase corrected, HistogramBase uncorrected)
    {
        if (corrected.TotalCount > 0) _totalCorrected.Add(corrected);
        if (uncorrected.TotalCount > 0) _totalUncorrected.Add(uncorrected);
    }

    /// <summary>Call when an iteration actually starts; counts it Late if it started beyond the tolerance.</summary>
    public void Started(PhaseMeter meter, long intendedTimestamp, long startTimestamp)
    {
        if (startTimestamp - intendedTimestamp <= _lateToleranceTicks) return;
        meter.Counts.AddLate();
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
    }

    /// <summary>
    /// Totals of the measured part. Call once, after the scenario's iterations have finished and the reporter has
    /// stopped: what a measured phase recorded since its last row joins the totals here (and no later row).
    /// </summary>
    public ScenarioStats Summarize(string scenario, double measuredSeconds, StepTable steps)
    {
        var totals = default(PhaseCounts);
        lock (_measured)
        {
            foreach (var meter in _measured)
            {
                totals += meter.Counts.Read();
                if (meter.RowsDone) continue;
                var (corrected, uncorrected) = meter.Recorders.Take();
                AddToTotals(corrected, uncorrected);
            }
        }
        var codes = _statusCodes.Snapshot().ToDictionary(kv => kv.Key, kv => kv.Value);
        var errors = _errors.Snapshot().Select(kv => new ErrorCount(kv.Key.Status, kv.Key.Message, kv.Value)).ToList();
        var rps = measuredSeconds > 0 ? totals.Total / measuredSeconds : 0;
        return new ScenarioStats(scenario, totals.Ok, totals.Fail, rps, measuredSeconds,
            LatencyHistograms.Summarize(_totalCorrected),
            LatencyHistograms.Summarize(_totalUncorrected),
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
        if (measured) _statusCodes.Add(response.StatusCode ?? "", count);
        if (!response.IsOk)
        {
            Interlocked.Add(ref _failsSoFar, count);
            if (measured) _errors.Add((response.StatusCode ?? "", response.Message ?? ""), count);
            return;
        }
        var uncorrectedMs = response.CustomLatencyMs ?? (endTimestamp - startTimestamp) / _ticksPerMs;
        var correctedMs = uncorrectedMs + Math.Max(0, startTimestamp - intendedTimestamp) / _ticksPerMs;
        meter.Recorders.Record(LatencyHistograms.ToMicros(correctedMs), LatencyHistograms.ToMicros(uncorrectedMs), count);
    }
}
