using HdrHistogram;

using LoadLeak.Results;

namespace LoadLeak.Engine.Running;

/// <summary>
/// Receives, for every interval row, the HdrHistograms (µs, see <see cref="LatencyHistograms"/>) its latency
/// summaries came from: corrected (from the intended start) and uncorrected. A coordinator that adds the
/// histograms of several agents' rows gets exactly the percentiles one generator would have measured.
/// Called on the reporter thread, before the row reaches <see cref="IEngineObserver.OnInterval"/>; the engine
/// reuses both histograms for a later row, so copy or encode them before returning, and return quickly.
/// </summary>
public interface IIntervalHistogramObserver
{
    void OnIntervalHistograms(IntervalRow row, HistogramBase corrected, HistogramBase uncorrected);
}
