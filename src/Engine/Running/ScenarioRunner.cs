using System.Diagnostics;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Schedules;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;

namespace LoadLeak.Engine.Running;

/// <summary>
/// Runs one scenario's phases in order (warm-up, then one per load simulation) with the closed or
/// open driver, and keeps its phase timeline. Stops early on cancellation or MaxFailCount.
/// The interval reporter reads <see cref="TakeIntervalRow"/> from another thread.
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
    private readonly bool _open;
    private CancellationTokenSource? _stop;
    private ClosedModelDriver? _closed;
    private OpenModelDriver? _openDriver;
    private volatile PlannedPhase? _current;
    private long _currentStart;
    private int _failLimitHit;
    private volatile bool _running;
    private volatile bool _finished;
    private bool _flushed;
    private double? _measuredStart;

    public ScenarioRunner(ScenarioProps props, IReadOnlyList<PlannedPhase> plan, RunClock clock, IEngineObserver observer, EngineSettings settings)
    {
        (_props, _plan, _clock, _observer, _settings) = (props, plan, clock, observer, settings);
        _metrics = new ScenarioMetrics(settings.LateTolerance);
        _open = plan.Any(p => p.Open is not null);
    }

    public string Name => _props.Name;
    public IReadOnlyList<PhaseRecord> Phases => _phases;
    public double EndSeconds { get; private set; }
    public string? StopReason { get; private set; }

    /// <summary>True while the scenario runs, and once more after it ended so its last partial interval is reported.</summary>
    public bool WantsReport => _running || (_finished && !_flushed);

    public async Task RunAsync(CancellationToken runToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(runToken);
        _stop = stop;
        var runner = new IterationRunner(_props, _metrics, _settings.Log, OnFailLimit);
        var phaseStart = Stopwatch.GetTimestamp();
        var warmUp = _plan.Where(p => !p.Measured).Sum(p => Clock.Ticks(p.Duration ?? TimeSpan.Zero));
        _closed = _open ? null : new ClosedModelDriver(runner, Name, phaseStart + warmUp, stop.Token);
        _openDriver = _open ? new OpenModelDriver(runner, _metrics, Name, _settings.MaxInFlight, _settings.BacklogGrace, stop.Token) : null;
        _metrics.BeginIntervals(_clock.SecondsAt(phaseStart));
        _running = true;
        try
        {
            foreach (var phase in _plan)
            {
                Begin(phase, phaseStart);
                if (_closed is not null) await _closed.RunPhaseAsync(phase, phaseStart).ConfigureAwait(false);
                else await _openDriver!.RunPhaseAsync(phase, phaseStart).ConfigureAwait(false);
                var end = phase.Duration is { } d ? phaseStart + Clock.Ticks(d) : Stopwatch.GetTimestamp();
                Complete(phase, phaseStart, end);
                phaseStart = end;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            if (_current is { } cut) Complete(cut, phaseStart, Stopwatch.GetTimestamp());
        }
        finally
        {
            if (_closed is not null) await _closed.DrainAsync(DrainGrace).ConfigureAwait(false);
            if (_openDriver is not null) await _openDriver.DrainAsync(DrainGrace).ConfigureAwait(false);
            EndSeconds = _clock.Seconds;
            _stop = null;
            _finished = true;
            _running = false;
        }
    }

    public IntervalRow TakeIntervalRow(double tickSeconds)
    {
        var finished = _finished;
        var phase = _current ?? _plan[0];
        var t = finished ? Math.Min(tickSeconds, EndSeconds) : tickSeconds;
        var targetRate = phase.Open is { } open && !finished ? open.RatePerSecondAt(_clock.Seconds - _clock.SecondsAt(Volatile.Read(ref _currentStart))) : 0;
        var concurrency = finished ? 0 : _closed?.LiveCopies ?? _openDriver?.InFlight ?? 0;
        if (finished) _flushed = true;
        return _metrics.TakeInterval(t, Name, phase.Name, concurrency, targetRate);
    }

    public ScenarioStats Summarize()
    {
        var lastEnd = _phases.Count > 0 ? _phases[^1].End : EndSeconds;
        var measured = _measuredStart is { } start ? Math.Max(0, lastEnd - start) : 0;
        return _metrics.Summarize(Name, measured) with { StopReason = StopReason };
    }

    private void Begin(PlannedPhase phase, long start)
    {
        Volatile.Write(ref _currentStart, start);
        _current = phase;
        var startSeconds = _clock.SecondsAt(start);
        if (phase.Measured) _measuredStart ??= startSeconds;
        var plannedEnd = phase.Duration is { } d ? startSeconds + d.TotalSeconds : double.NaN;
        _observer.OnPhaseStarted(Record(phase, startSeconds, plannedEnd));
    }

    private void Complete(PlannedPhase phase, long start, long end) =>
        _phases.Add(Record(phase, _clock.SecondsAt(start), _clock.SecondsAt(end)));

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
