using System.Diagnostics;
using LoadLeak.Correlator.Sampling.Endpoints;

namespace LoadLeak.Correlator.Sampling.Go;

/// <summary>
/// Samples a Go service through net/http/pprof and expvar, once per interval: the goroutine count from the
/// /debug/pprof/ index page (no stacks collected) and the heap figures from expvar's memstats, else from the
/// trailer of heap?debug=1. Never throws for target-side trouble: an unreachable endpoint is an event and the
/// polling goes on; a URL that serves something else is a note and the source stops.
/// </summary>
public sealed class PprofSource(Uri baseUrl, Func<double> now, TimeSpan interval) : ICounterSource
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    /// <summary>What this source delivers: pass it as a Prometheus source's "sampled elsewhere" for the same target.</summary>
    public static readonly IReadOnlySet<string> Emits = new HashSet<string>(StringComparer.Ordinal)
    {
        MetricNames.Goroutines, MetricNames.GoHeapInuse, MetricNames.GoStackInuse, MetricNames.GcHeapSize,
        MetricNames.GcCount, MetricNames.AllocBytes, MetricNames.GcPauseMs,
    };

    private bool? _expvarServed;

    public string Name => "pprof";

    public PprofEndpoint Endpoint { get; } = new(baseUrl);

    public async Task RunAsync(IMeasurementSink sink, CancellationToken ct)
    {
        var health = new EndpointHealth(Name, sink, now);
        var heapFigures = true;
        while (true)
        {
            var started = now();
            try
            {
                var goroutines = await Endpoint.GoroutineCountAsync(ct).ConfigureAwait(false);
                sink.Add(new Measurement((started + now()) / 2, MetricNames.Goroutines, goroutines));
                if (heapFigures)
                {
                    var memStatsStarted = now();
                    var memStats = await MemStatsAsync(health, ct).ConfigureAwait(false);
                    Emit(sink, (memStatsStarted + now()) / 2, memStats);
                }
                health.Succeeded();
            }
            catch (EndpointException ex) when (ex.IsTransient)
            {
                health.Failed(ex);
            }
            catch (EndpointException ex) when (ex.Url == Endpoint.Base)
            {
                sink.AddNote($"{Name}: {ex.Message}; no goroutine or Go heap figures from it");
                return;
            }
            catch (EndpointException ex)
            {
                // The heap figures' endpoint is broken for good; the goroutine count still comes.
                sink.AddNote($"{Name}: {ex.Message}; goroutines only, no Go heap figures");
                heapFigures = false;
            }
            await Task.Delay(PollClock.DelayUntilNext(now(), interval), ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Makes the runtime collect (<c>heap?gc=1</c>) and reads what survived, the Go counterpart of an induced full GC.
    /// Null, with a note, when the target does not answer.
    /// </summary>
    public async Task<GoHeapReading?> TakeHeapAsync(IMeasurementSink sink, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var profile = await Endpoint.HeapAfterGcAsync(ct).ConfigureAwait(false);
            var t = now();
            GoMemStats? after = null;
            if (_expvarServed != false)
            {
                try { after = await Endpoint.ExpvarAsync(ct).ConfigureAwait(false); }
                catch (EndpointException) { /* the profile's own estimate serves */ }
            }
            return GoHeapReading.From(t, profile, after, started);
        }
        catch (EndpointException ex)
        {
            sink.AddNote($"{Name}: heap after GC not taken: {ex.Message}");
            return null;
        }
    }

    /// <summary>Null when the URL serves a pprof index with a goroutine count; else the one-line reason, naming the URL.</summary>
    public static async Task<string?> ProbeAsync(Uri baseUrl, CancellationToken ct)
    {
        if (!baseUrl.IsAbsoluteUri) return $"{baseUrl}: not an http:// or https:// URL";
        var endpoint = new PprofEndpoint(baseUrl);
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(ProbeTimeout);
            await endpoint.GoroutineCountAsync(limit.Token).ConfigureAwait(false);
            return null;
        }
        catch (EndpointException ex) when (ex.Status == System.Net.HttpStatusCode.NotFound)
        {
            return $"{ex.Message} (expected the base of /debug/pprof, e.g. http://127.0.0.1:8080/debug/pprof)";
        }
        catch (EndpointException ex)
        {
            return ex.Message;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"{endpoint.Base}: no answer within {ProbeTimeout.TotalSeconds:0} s";
        }
    }

    /// <summary>The pprof base of a launched target on 127.0.0.1:<paramref name="port"/>, if it serves one.</summary>
    public static async Task<Uri?> DetectAsync(int port, CancellationToken ct)
    {
        var candidate = new Uri($"http://127.0.0.1:{port}/debug/pprof/");
        return await ProbeAsync(candidate, ct).ConfigureAwait(false) is null ? candidate : null;
    }

    private async Task<GoMemStats> MemStatsAsync(EndpointHealth health, CancellationToken ct)
    {
        if (_expvarServed != false)
        {
            try
            {
                var stats = await Endpoint.ExpvarAsync(ct).ConfigureAwait(false);
                _expvarServed = true;
                return stats;
            }
            catch (EndpointException ex) when (!ex.IsTransient && _expvarServed is null)
            {
                _expvarServed = false;
                health.NoteOnce("no-expvar", $"{Name}: {ex.Message}; Go heap figures from heap?debug=1 instead");
            }
        }
        return await Endpoint.HeapDebugMemStatsAsync(ct).ConfigureAwait(false);
    }

    private static void Emit(IMeasurementSink sink, double t, GoMemStats m)
    {
        void Add(string name, double? value, double scale = 1)
        {
            if (value is { } v) sink.Add(new Measurement(t, name, v * scale));
        }
        Add(MetricNames.GoHeapInuse, m.HeapInuse);
        Add(MetricNames.GoStackInuse, m.StackInuse);
        Add(MetricNames.GcHeapSize, m.HeapAlloc);
        Add(MetricNames.GcCount, m.NumGc);
        Add(MetricNames.AllocBytes, m.TotalAlloc);
        Add(MetricNames.GcPauseMs, m.PauseTotalNs, 1e-6);
    }
}
