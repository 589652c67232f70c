using System.Globalization;
using LoadLeak.Correlator.Retained;
using LoadLeak.Correlator.Sampling;
using LoadLeak.Correlator.Sampling.EventPipe;
using LoadLeak.Correlator.Sampling.Proc;
using LoadLeak.Engine;
using LoadLeak.Engine.Running;
using LoadLeak.Results;

namespace LoadLeak.Correlator;

/// <summary>
/// Samples one target process on the run clock: runtime counters over EventPipe when it is .NET,
/// /proc always; induces full GCs on request to measure retained heap. Stops cleanly when the
/// target exits (recorded as a "target-exited" event).
/// </summary>
public sealed class TargetCorrelator : ITargetSampler
{
    private readonly int? _pid;
    private readonly RunClock _clock;
    private readonly CorrelatorOptions _options;
    private readonly CollectingSink _sink = new(new SampleTable());
    private readonly List<RetainedMark> _retained = [];
    private readonly List<RetainedMark> _missed = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _gcGate = new(1, 1);
    private Task _running = Task.CompletedTask;
    private CorrelatorResult? _result;
    private EndpointSources? _endpoints;

    private TargetCorrelator(int? pid, RunClock clock, CorrelatorOptions options, bool isDotNet)
    {
        _pid = pid;
        _clock = clock;
        _options = options;
        IsDotNet = isDotNet;
    }

    public bool IsDotNet { get; }

    public string? SourcesLine { get; private set; }

    /// <summary>The newest complete second, for the live console. Thread-safe.</summary>
    public TargetSample? Latest => _sink.Table.Latest(_clock.Seconds);

    /// <summary>Events seen so far (counter gaps, exits), for streaming them while the run goes. Thread-safe.</summary>
    public IReadOnlyList<TimelineEvent> EventsSoFar => _sink.Events;

    public bool OnReading(Action<Measurement> onReading)
    {
        _sink.Reading += onReading;
        return true;
    }

    public static Task<TargetCorrelator> StartAsync(int pid, RunClock clock, CorrelatorOptions options, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (options.Interval < TimeSpan.FromMilliseconds(100))
            throw new ConfigException($"correlator interval {options.Interval.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms: must " +
                "be at least 100 ms");
        if (!ProcReader.IsAlive(pid))
            throw new ConfigException($"target pid {pid.ToString(CultureInfo.InvariantCulture)}: no such running process");

        var isDotNet = DotNetProbe.HasDiagnosticsSocket(pid);
        var correlator = new TargetCorrelator(pid, clock, options, isDotNet);
        correlator.Start();
        return Task.FromResult(correlator);
    }

    /// <summary>A target with no process here (another host): sampled only through its pprof and Prometheus URLs.</summary>
    public static Task<TargetCorrelator> StartRemoteAsync(RunClock clock, CorrelatorOptions options, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (options.Pprof is null && options.Metrics is null)
            throw new ConfigException("a remote target needs --target-pprof or --target-metrics: it has no /proc or EventPipe here");
        var correlator = new TargetCorrelator(null, clock, options, isDotNet: false);
        correlator.Start();
        return Task.FromResult(correlator);
    }

    private void Start()
    {
        var sources = new List<ICounterSource>();
        var proc = _options.UseProc && _pid is not null;
        var eventPipe = IsDotNet && _options.UseEventPipe;
        if (proc) sources.Add(new ProcSource(_pid!.Value, () => _clock.Seconds, _options.Interval));
        _endpoints = EndpointSources.From(_options, () => _clock.Seconds, proc, eventPipe);
        sources.AddRange(_endpoints.All);
        if (_pid is not { } pid)
            _sink.AddNote("remote target: no /proc or EventPipe here; RSS, OS threads, fds and CPU only where the metrics endpoint serves them");
        else if (!IsDotNet && _endpoints.Pprof is null)
            _sink.AddNote($"pid {pid.ToString(CultureInfo.InvariantCulture)} has no .NET diagnostics socket: " +
                          "/proc figures only (RSS, OS threads, fds, CPU)");
        else if (eventPipe)
        {
            var version = DotNetProbe.RuntimeVersion(pid);
            var mode = _options.PreferMeter ? CounterProviders.ModeFor(version) : CounterMode.EventCounters;
            var counters = mode == CounterMode.Meter ? "the System.Runtime meter" : "System.Runtime EventCounters";
            _sink.AddNote($".NET runtime {version?.ToString() ?? "unknown (self-contained?)"}: counters from {counters}");
            sources.Add(new EventPipeCounterSource(pid, () => _clock.Seconds, _options.Interval, mode));
        }
        if (_endpoints.All.Any() && _endpoints.Describe(proc, eventPipe) is { } described)
        {
            SourcesLine = described;
            _sink.AddNote(described);
        }
        var composite = new CompositeCounterSource(sources);
        var watch = _pid is { } watched ? WatchExitAsync(watched, _stop.Token) : Task.CompletedTask;
        _running = Task.WhenAll(composite.RunAsync(_sink, _stop.Token), watch);
    }

    private async Task WatchExitAsync(int pid, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_options.Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                if (ProcReader.IsAlive(pid)) continue;
                _sink.AddEvent(new TimelineEvent(_clock.Seconds, EventKind.TargetExited,
                    $"target pid {pid.ToString(CultureInfo.InvariantCulture)} exited; sampling stopped"));
                await _stop.CancelAsync().ConfigureAwait(false);
                return;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Induces a full blocking GC in the target and records the heap that survived it. Waits for a heap
    /// dump of the target to finish first. Null for non-.NET or exited targets; a
    /// <see cref="RetainedReading.Missing"/> mark (kept apart, with a note and a timeline event) when no
    /// induced GC was matched on two tries.
    /// </summary>
    public async Task<RetainedMark?> MeasureRetainedAsync(string phase, string reason, CancellationToken ct)
    {
        if (_stop.IsCancellationRequested) return null;
        if (!IsDotNet) return await GoRetainedAsync(phase, reason, ct).ConfigureAwait(false);
        var requestedT = _clock.Seconds;
        await _gcGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var trigger = new GcTrigger(_pid!.Value, _options.RetainedStartBudget);
            var gc = await trigger.TriggerAsync(_options.RetainedTimeout, ct).ConfigureAwait(false);
            if (gc is null) return Missed(phase, reason, requestedT, trigger.MissReasons);
            var mark = new RetainedMark(_clock.SecondsAt(gc.Timestamp), phase, gc.HeapBytes, reason)
            {
                RequestedT = requestedT,
                GcNumber = gc.GcNumber,
                HeapSizeBytes = gc.HeapSizeBytes,
            };
            if (MatchNote(phase, reason, gc, trigger.MissReasons) is { } note) _sink.AddNote(note);
            lock (_retained) _retained.Add(mark);
            return mark;
        }
        finally
        {
            _gcGate.Release();
        }
    }

    /// <summary>Go: <c>heap?gc=1</c> makes the runtime collect; the heap it reports after is the retained heap.</summary>
    private async Task<RetainedMark?> GoRetainedAsync(string phase, string reason, CancellationToken ct)
    {
        if (_endpoints?.Pprof is not { } pprof) return null;
        var requestedT = _clock.Seconds;
        await _gcGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (await pprof.TakeHeapAsync(_sink, ct).ConfigureAwait(false) is not { } reading) return null;
            var mark = new RetainedMark(reading.T, phase, reading.RetainedBytes, reason) { RequestedT = requestedT };
            lock (_retained) _retained.Add(mark);
            return mark;
        }
        finally
        {
            _gcGate.Release();
        }
    }

    /// <summary>Says when a reading came late: after a heap dump, or from the second session.</summary>
    private static string? MatchNote(string phase, string reason, InducedGc gc, IReadOnlyList<string> misses)
    {
        var parts = new List<string>();
        if (gc.WaitedForDump >= TimeSpan.FromSeconds(1))
            parts.Add(FormattableString.Invariant($"waited {gc.WaitedForDump.TotalSeconds:0.0} s for a heap dump of the target"));
        if (gc.ArrivedAfterTimeout)
            parts.Add(FormattableString.Invariant($"induced GC #{gc.GcNumber}'s events arrived only as its session stopped"));
        if (gc.Attempt > 1)
            parts.Add(FormattableString.Invariant($"induced GC #{gc.GcNumber} matched on attempt {gc.Attempt} ({string.Join("; ", misses)})"));
        return parts.Count == 0 ? null : $"retained heap at '{phase}' ({reason}): {string.Join("; ", parts)}";
    }

    private RetainedMark Missed(string phase, string reason, double requestedT, IReadOnlyList<string> why)
    {
        var mark = new RetainedMark(requestedT, phase, double.NaN, reason) { Reading = RetainedReading.Missing, RequestedT = requestedT };
        lock (_retained) _missed.Add(mark);
        var message = $"retained heap at '{phase}' ({reason}) missing: {string.Join("; ", why)}";
        _sink.AddNote(message);
        _sink.AddEvent(new TimelineEvent(requestedT, EventKind.RetainedMissing, message));
        return mark;
    }

    /// <summary>Stops sampling and returns everything seen. Idempotent.</summary>
    public async Task<CorrelatorResult> StopAsync()
    {
        if (_result is not null) return _result;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        List<RetainedMark> retained, missed;
        lock (_retained)
        {
            retained = _retained.OrderBy(r => r.T).ToList();
            missed = _missed.OrderBy(r => r.T).ToList();
        }
        var samples = _sink.Table.Build();
        if (_pid is null && EndpointSources.MissingFigures(samples) is { } missing) _sink.AddNote(missing);
        _result = new CorrelatorResult(samples, retained, _sink.Events, _sink.Notes, IsDotNet) { MissedRetained = missed };
        return _result;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
        _gcGate.Dispose();
    }
}
