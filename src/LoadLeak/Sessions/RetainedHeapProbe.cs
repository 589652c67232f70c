using LoadLeak.Correlator;
using LoadLeak.Engine.Running;
using LoadLeak.Results;

namespace LoadLeak.Sessions;

/// <summary>
/// At phase boundaries, forces a full blocking GC in the target and records the retained heap.
/// Allocation is not retention: only a heap measured right after a full GC says what stayed.
/// Measurements run one at a time off the engine's thread; boundaries closer than a second
/// (concurrent scenarios switching together) share one measurement. A 2 s ramp still gets its own.
/// </summary>
internal sealed class RetainedHeapProbe(ITargetSampler correlator, RunClock clock, bool atBoundaries, CancellationToken ct) : IEngineObserver
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly List<Task> _pending = [];
    private double _lastMeasured = double.NegativeInfinity;
    private const double SharedWithin = 1;

    public void OnPhaseStarted(PhaseRecord phase)
    {
        if (!atBoundaries || phase.Start < 0.5) return;
        if (clock.Seconds - _lastMeasured < SharedWithin) return;
        _lastMeasured = clock.Seconds;
        lock (_pending) _pending.Add(MeasureAsync($"before {phase.Scenario}/{phase.Name}", "phase-boundary"));
    }

    public void OnInterval(IReadOnlyList<IntervalRow> rows) { }

    private readonly CancellationTokenSource _periodic = CancellationTokenSource.CreateLinkedTokenSource(ct);

    /// <summary>Soak mode: a measurement every <paramref name="every"/> while the load runs.</summary>
    public async Task RunPeriodicAsync(TimeSpan every)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(_periodic.Token))
                await MeasureAsync("soak", "periodic");
        }
        catch (OperationCanceledException) { }
    }

    public void StopPeriodic() => _periodic.Cancel();

    /// <summary>The measurement after the load has ended (after cool-down).</summary>
    public async Task MeasureFinalAsync()
    {
        Task[] pending;
        lock (_pending) pending = _pending.ToArray();
        await Task.WhenAll(pending);
        await MeasureAsync("end", "after-load");
    }

    private async Task MeasureAsync(string phase, string reason)
    {
        try
        {
            await _oneAtATime.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { return; }
        try { await correlator.MeasureRetainedAsync(phase, reason, ct).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        finally { _oneAtATime.Release(); }
    }
}
