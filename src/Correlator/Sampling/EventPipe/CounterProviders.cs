using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;

namespace LoadLeak.Correlator.Sampling.EventPipe;

/// <summary>Which runtime publisher the counter session listens to.</summary>
internal enum CounterMode
{
    /// <summary>.NET 9+: the System.Runtime meter, plus the EventCounters' gc-heap-size it lacks.</summary>
    Meter,
    /// <summary>Older runtimes: the legacy System.Runtime EventCounters only.</summary>
    EventCounters,
}

/// <summary>All EventPipe provider configuration of the correlator, in one place, invariant culture.</summary>
internal static class CounterProviders
{
    public const string MetricsProvider = "System.Diagnostics.Metrics";
    public const string RuntimeEventSource = "System.Runtime";
    public const string ClrProvider = "Microsoft-Windows-DotNETRuntime";
    public const string RuntimeMeter = "System.Runtime";

    /// <summary>MetricsEventSource keyword TimeSeriesValues.</summary>
    public const long MetricsTimeSeriesKeyword = 0x2;
    public const long ClrGcKeyword = 0x1;
    /// <summary>Enabling this keyword makes the runtime run one full blocking GC (as dotnet-gcdump does).</summary>
    public const long ClrGcHeapCollectKeyword = 0x800000;

    public const int MaxTimeSeries = 1000;
    public const int MaxHistograms = 10;

    /// <summary>.NET 9 introduced the System.Runtime meter.</summary>
    public static CounterMode ModeFor(Version? runtimeVersion) =>
        runtimeVersion is { Major: >= 9 } ? CounterMode.Meter : CounterMode.EventCounters;

    public static IReadOnlyList<EventPipeProvider> ForCounters(CounterMode mode, TimeSpan interval, string sessionId)
    {
        var seconds = Math.Max(1, interval.TotalSeconds).ToString("0.###", CultureInfo.InvariantCulture);
        var providers = new List<EventPipeProvider>
        {
            // Meter mode still needs this for gc-heap-size: the meter has no "heap size now" instrument.
            new(RuntimeEventSource, EventLevel.Informational, 0,
                new Dictionary<string, string> { ["EventCounterIntervalSec"] = seconds }),
        };
        if (mode == CounterMode.Meter)
        {
            providers.Add(new EventPipeProvider(MetricsProvider, EventLevel.Informational, MetricsTimeSeriesKeyword,
                new Dictionary<string, string>
                {
                    ["SessionId"] = sessionId,
                    ["Metrics"] = RuntimeMeter,
                    ["RefreshInterval"] = seconds,
                    ["MaxTimeSeries"] = MaxTimeSeries.ToString(CultureInfo.InvariantCulture),
                    ["MaxHistograms"] = MaxHistograms.ToString(CultureInfo.InvariantCulture),
                }));
        }
        return providers;
    }

    /// <summary>The session whose start induces a full blocking GC; GC events report the heap after it.</summary>
    public static IReadOnlyList<EventPipeProvider> ForInducedGc() =>
    [
        new(ClrProvider, EventLevel.Informational, ClrGcKeyword | ClrGcHeapCollectKeyword),
    ];
}
