using LoadLeak.Engine.Api;
using LoadLeak.Engine.Schedules;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;

namespace LoadLeak.Engine.Running;

/// <summary>
/// Runs one scenario's phases in order (warm-up, then one per load simulation) with the closed or
/// open driver, and keeps its phase timeline. Stops early on cancellation or MaxFailCount.
/// The interval reporter takes rows with <see cref="TakeRows"/> from another thread.
/// </summary>
internal sealed class ScenarioRunner
{
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(5);

    private readonly ScenarioProps _props;
    private readonly IReadOnlyList<PlannedPhase> _plan;
    private readonly RunClock _clock;
    private readonly IEngineObserver _observer;
    private readonly EngineSettings _settings;
    private readonly List<PhaseRecord> _phases = [];
    private readonly ScenarioMetrics _metrics;
    private readonly StepTable _steps;
    private readonly PhaseRows _rows;
    private readonly Func<PhaseMeter, double, (int, double)> _level;
    private readonly bool _open;
    private CancellationTokenSource? _stop;
    private ClosedModelDriver? _closed;
    private OpenModelDriver? _openDriver;
    private PhaseMeter? _current;
    private int _failLimitHit;
    private double? _measuredStart;

    public ScenarioRunner(ScenarioProps props, IReadOnlyList<PlannedPhase> plan, RunClock clock, IEngineObserver observer, EngineSettings settings)
    {
        (_props, _plan, _clock, _observer, _settings) = (props, plan, clock, observer, settings);
        _metrics = new ScenarioMetrics(settings.LateTolerance, clock.Time.TimestampFrequency);
        _steps = new StepTable(clock, props.RestartIterationOnFail);
        _rows = new PhaseRows(props.Name, _metrics, settings.HistogramObserver);
        _level = Level;
        _open = plan.Any(p => p.Open is not null);
    }

    public string Name => _props.Name;
    public IReadOnlyList<PhaseRecord> Phases => _phases;
    public double EndSeconds { get; private set; }
    public string? StopReason { get; private set; }

    public async Task RunAsync(CancellationToken runToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(runToken);
        _stop = stop;
        var runner = new IterationRunner(_props, _metrics, _steps, _clock, _settings.Log, OnFailLimit);
        _closed = _open ? null : new ClosedModelDriver(runner, _clock, Name, stop.Token);
        _openDriver = _open ? new OpenModelDriver(runner, _metrics, _clock, Name, _settings.MaxInFlight, _settings.BacklogGrace, stop.Token) : null;
        var phaseStart = _clock.Now();
        try
        {
            foreach (var phase in _plan)
            {
                var meter = Begin(phase, phaseStart);
                if (_closed is not null) await _closed.RunPhaseAsync(meter).ConfigureAwait(false);
                else await _openDriver!.RunPhaseAsync(meter).ConfigureAwait(false);
                var end = meter.PlannedEnd != long.MaxValue ? meter.PlannedEnd : _clock.Now();
                Complete(meter, end);
                phaseStart = end;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            if (_current is { } cut) Complete(cut, Math.Max(_clock.Now(), cut.Start));
        }
        finally
        {
            if (_closed is not null) await _closed.DrainAsync(DrainGrace).ConfigureAwait(false);
            if (_openDriver is not null) await _openDriver.DrainAsync(DrainGrace).ConfigureAwait(false);
            EndSeconds = _clock.Seconds;
            _stop = null;
        }
    }

    /// <summary>
    /// Appends the rows due at run second <paramref name="t"/> (see <see cref="PhaseRows"/>); with <paramref name="flush"/>,
    /// every row still owed. Reporter thread only.
    /// </summary>
    public void TakeRows(double t, bool flush, List<IntervalRow> rows) => _rows.Take(t, flush, _level, rows);

    public ScenarioStats Summarize()
    {
        var lastEnd = _phases.Count > 0 ? _phases[^1].End : EndSeconds;
        var measured = _measuredStart is { } start ? Math.Max(0, lastEnd - start) : 0;
        return _metrics.Summarize(Name, measured, _steps) with { StopReason = StopReason };
    }

    private (int, double) Level(PhaseMeter meter, double t)
    {
        var ended = meter.Ended && t >= meter.EndSeconds;
        if (meter.Phase.Closed is { } closed) return (ended ? closed.CopiesAt(double.MaxValue) : _closed?.LiveCopies ?? 0, 0);
        var rate = meter.Phase.Open!.RatePerSecondAt(Math.Max(0, t - meter.StartSeconds - 1e-9));
        return (meter.InFlight, rate);
    }

    private PhaseMeter Begin(PlannedPhase phase, long start)
    {
        var startSeconds = _clock.SecondsAt(start);
        var meter = _metrics.Open(phase, start, startSeconds);
        _current = meter;
        _rows.Begin(meter);
        if (phase.Measured) _measuredStart ??= startSeconds;
        _observer.OnPhaseStarted(Record(phase, startSeconds, phase.Duration is { } duration ? startSeconds + duration.TotalSeconds : double.NaN));
        return meter;
    }

    private void Complete(PhaseMeter meter, long end)
    {
        var record = Record(meter.Phase, meter.StartSeconds, _clock.SecondsAt(end));
        _phases.Add(record);
        _rows.End(meter, record.End);
        _current = null;
    }

    private PhaseRecord Record(PlannedPhase phase, double start, double end) =>
        new(phase.Name, Name, phase.Kind, start, end, phase.Simulation.Describe(), phase.Copies, phase.RatePerSecond);

    private void OnFailLimit()
    {
        if (Interlocked.Exchange(ref _failLimitHit, 1) != 0) return;
        StopReason = $"MaxFailCount {_props.MaxFailCount} reached";
        _settings.Log.Warn($"scenario '{Name}' stopped: {StopReason}");
        try
        {
            _stop?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The scenario already ended; nothing left to stop.
        }
    }
}
