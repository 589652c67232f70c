using System.Diagnostics;
using LoadLeak.Correlator.Sampling.Endpoints;
using LoadLeak.Correlator.Sampling.Go;

namespace LoadLeak.Correlator.Forensics.Go;

/// <summary>
/// Takes <see cref="GoSnapshot"/>s through net/http/pprof: <c>goroutine?debug=1</c>, then <c>heap?gc=1</c> (the runtime
/// collects first, so the profile shows what survived), then expvar's HeapAlloc for the exact live heap when served.
/// Throws <see cref="EndpointException"/> (naming the URL) when the service does not answer as it should.
/// </summary>
internal sealed class GoSnapshotter(PprofEndpoint endpoint, Func<double> now)
{
    public PprofEndpoint Endpoint { get; } = endpoint;

    public async Task<GoSnapshot> TakeAsync(string label, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var goroutines = await Endpoint.GoroutineDumpAsync(ct).ConfigureAwait(false);
        var heap = await Endpoint.HeapAfterGcAsync(ct).ConfigureAwait(false);
        var t = now();
        GoMemStats? after = null;
        try
        {
            after = await Endpoint.ExpvarAsync(ct).ConfigureAwait(false);
        }
        catch (EndpointException)
        {
            // No expvar: the profile's in-use estimate stands for the retained heap.
        }
        var reading = GoHeapReading.From(t, heap, after, started);
        return new GoSnapshot(label, t, goroutines, heap)
        {
            RetainedBytes = reading.RetainedBytes,
            CaptureMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
        };
    }
}
