using LoadLeak.Correlator.Sampling;
using LoadLeak.Results;

namespace LoadLeak.Correlator;

/// <summary>
/// What the run needs from whatever samples the target on the run clock: the local <see cref="TargetCorrelator"/>
/// today; a Go pprof, Prometheus or remote-probe source implements the same and the run does not change.
/// </summary>
public interface ITargetSampler : IAsyncDisposable
{
    /// <summary>The target is a .NET process: runtime counters, induced GCs and heap snapshots are available.</summary>
    bool IsDotNet { get; }

    /// <summary>The newest complete second, for the live console and the result stream. Thread-safe.</summary>
    TargetSample? Latest { get; }

    /// <summary>Events seen so far (counter gaps, exits), for streaming them while the run goes. Thread-safe.</summary>
    IReadOnlyList<TimelineEvent> EventsSoFar { get; }

    /// <summary>Induces a full GC in the target and records the heap that survived it; null where that is not possible.</summary>
    Task<RetainedMark?> MeasureRetainedAsync(string phase, string reason, CancellationToken ct);

    /// <summary>
    /// Calls <paramref name="onReading"/> with each raw reading as it is taken, on the sampling clock (the memory guard watches
    /// RSS this way). False from samplers that do not read here (a remote probe): the handler is never called.
    /// </summary>
    bool OnReading(Action<Measurement> onReading) => false;

    /// <summary>
    /// Where the figures come from when a URL source (Go pprof/expvar, Prometheus) samples the target ("sources: goroutines
    /// and Go heap from pprof (…); RSS, OS threads, fds and CPU from /proc"), for the console at the run's start; null otherwise.
    /// </summary>
    string? SourcesLine => null;

    /// <summary>Stops sampling and returns everything seen. Idempotent.</summary>
    Task<CorrelatorResult> StopAsync();
}
