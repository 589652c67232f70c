using System.Diagnostics;
using System.Globalization;
using LoadLeak.Results;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace LoadLeak.Correlator.Sampling.EventPipe;

/// <summary>
/// Runtime counters of a .NET target over one EventPipe session. Reports a "counter-gap" when the
/// session goes silent for more than <see cref="GapIntervals"/> intervals and "counter-session-ended"
/// when the stream closes under it; missing seconds stay missing.
/// </summary>
internal sealed class EventPipeCounterSource(int pid, Func<double> now, TimeSpan interval, CounterMode mode) : ICounterSource
{
    public const int GapIntervals = 3;
    private const double MaxPlausibleDelaySeconds = 10;
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(5);

    private readonly string _sessionId = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
    private readonly RuntimeCounterMapper _mapper = new(mode);
    private long _lastEventTimestamp = Stopwatch.GetTimestamp();
    private long _events;
    private int _callbackFailures;

    public string Name => $"eventpipe({mode})";

    public long EventsSeen => Interlocked.Read(ref _events);

    public async Task RunAsync(IMeasurementSink sink, CancellationToken ct)
    {
        EventPipeSession session;
        try
        {
            var client = new DiagnosticsClient(pid);
            var providers = CounterProviders.ForCounters(mode, interval, _sessionId);
            session = await client.StartEventPipeSessionAsync(providers, false, 64, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            sink.AddNote($"EventPipe counter session could not start ({ex.GetType().Name}: {ex.Message}); /proc figures only");
            return;
        }

        Interlocked.Exchange(ref _lastEventTimestamp, Stopwatch.GetTimestamp());
        var processing = Task.Factory.StartNew(() => Process(session, sink), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            await WatchAsync(processing, sink, ct).ConfigureAwait(false);
        }
        finally
        {
            await StopAsync(session, processing, sink).ConfigureAwait(false);
        }
    }

    private async Task WatchAsync(Task processing, IMeasurementSink sink, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        var inGap = false;
        while (!ct.IsCancellationRequested)
        {
            var done = await Task.WhenAny(processing, timer.WaitForNextTickAsync(ct).AsTask()).ConfigureAwait(false);
            if (done == processing)
            {
                if (!ct.IsCancellationRequested)
                    sink.AddEvent(new TimelineEvent(now(), EventKind.CounterSessionEnded,
                        "the EventPipe counter session closed; no runtime counters from here on"));
                return;
            }
            var silent = Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastEventTimestamp));
            if (!inGap && silent > interval * GapIntervals)
            {
                inGap = true;
                // A stopped target publishes nothing: say so when the correlator itself is stopping it.
                var cause = Retained.TargetGate.HeldWithin(pid, silent) is { } held ? $" while the correlator held the target for {held}" : "";
                sink.AddEvent(new TimelineEvent(now(), EventKind.CounterGap,
                    $"no runtime counter events for {silent.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s (> {GapIntervals} " +
                        $"intervals){cause}; the missing seconds stay empty"));
            }
            else if (inGap && silent < interval * GapIntervals)
            {
                inGap = false;
                sink.AddEvent(new TimelineEvent(now(), EventKind.CounterResumed, "runtime counter events resumed"));
            }
        }
    }

    private void Process(EventPipeSession session, IMeasurementSink sink)
    {
        try
        {
            using var source = new EventPipeEventSource(session.EventStream);
            source.Dynamic.All += e => OnEvent(e, sink);
            source.Process();
        }
        catch (Exception ex)
        {
            // The stream breaks when the target dies or the session is stopped mid-read.
            sink.AddNote($"EventPipe counter stream ended: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private void OnEvent(TraceEvent e, IMeasurementSink sink)
    {
        // An exception escaping here stops TraceEvent's processing and can hang session.Stop().
        try
        {
            if (!CounterPayloadParser.TryGetCounterPayload(e.ProviderName, e.EventName, name => Field(e, name), out var payload)
                || payload is null)
                return;
            if (payload.Origin == CounterOrigin.Meter && e.PayloadByName("sessionId") is string sid && sid.Length > 0 && sid != _sessionId)
                return;
            Interlocked.Exchange(ref _lastEventTimestamp, Stopwatch.GetTimestamp());
            Interlocked.Increment(ref _events);
            if (payload is ErrorPayload error)
            {
                sink.AddNote($"runtime meter reported {error.Name}: {error.Message}");
                return;
            }
            foreach (var m in _mapper.Map(payload, EventTime(e))) sink.Add(m);
        }
        catch (Exception ex)
        {
            if (Interlocked.Increment(ref _callbackFailures) == 1)
                sink.AddNote($"a counter event could not be read ({ex.GetType().Name}: {ex.Message}); skipped");
        }
    }

    /// <summary>
    /// When the event happened, on the run clock. EventPipe delivers in buffered batches (up to ~1 s
    /// late here), so the receive time would shift readings into the next second.
    /// </summary>
    private double EventTime(TraceEvent e)
    {
        var received = now();
        var delay = (DateTime.Now - e.TimeStamp).TotalSeconds;
        return double.IsFinite(delay) && delay is >= 0 and <= MaxPlausibleDelaySeconds ? received - delay : received;
    }

    /// <summary>EventCounters' single payload field has an empty name in TraceEvent: read it by position.</summary>
    private static object? Field(TraceEvent e, string name) =>
        e.PayloadByName(name) ?? (name == "Payload" && e.PayloadNames.Length == 1 ? e.PayloadValue(0) : null);

    private async Task StopAsync(EventPipeSession session, Task processing, IMeasurementSink sink)
    {
        try
        {
            var stop = Task.Run(() =>
            {
                try { session.Stop(); }
                catch (Exception) { /* target already gone: nothing to stop */ }
            });
            await Task.WhenAny(stop, Task.Delay(StopBudget)).ConfigureAwait(false);
            if (await Task.WhenAny(processing, Task.Delay(StopBudget)).ConfigureAwait(false) != processing)
                sink.AddNote("EventPipe counter session did not stop within 5 s; abandoned");
            else
                foreach (var m in _mapper.Flush(now())) sink.Add(m);
        }
        finally
        {
            session.Dispose();
        }
    }
}
