using LoadLeak.Correlator.Retained;

namespace LoadLeak.Correlator;

public sealed record CorrelatorOptions
{
    /// <summary>Sampling interval; samples are folded per second of the run clock either way.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Read runtime counters over EventPipe when the target is .NET; /proc is always read.</summary>
    public bool UseEventPipe { get; init; } = true;

    /// <summary>
    /// Use the System.Runtime meter on .NET 9+ targets. False forces the legacy EventCounters,
    /// the path older runtimes take anyway.
    /// </summary>
    public bool PreferMeter { get; init; } = true;

    /// <summary>Read /proc/&lt;pid&gt; (RSS, OS threads, fds, CPU).</summary>
    public bool UseProc { get; init; } = true;

    /// <summary>Base of the target's Go /debug/pprof: goroutines and Go heap every interval, heap?gc=1 as the retained heap.</summary>
    public Uri? Pprof { get; init; }

    /// <summary><see cref="Pprof"/> was found on the launched target's port, not given by a flag (said in the notes).</summary>
    public bool PprofDetected { get; init; }

    /// <summary>The target's Prometheus text endpoint, scraped every interval.</summary>
    public Uri? Metrics { get; init; }

    /// <summary>Gauges of <see cref="Metrics"/> to sample as <c>custom/NAME</c>.</summary>
    public IReadOnlyList<string> CustomMetrics { get; init; } = [];

    /// <summary>How long one attempt waits for the induced GC's events once its session has started (the GC itself
    /// runs inside the start, which has a budget of its own); a miss is retried once.</summary>
    public TimeSpan RetainedTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the session that induces the GC may take to start: the GC runs inside it.</summary>
    public TimeSpan RetainedStartBudget { get; init; } = GcTrigger.DefaultStartBudget;
}
