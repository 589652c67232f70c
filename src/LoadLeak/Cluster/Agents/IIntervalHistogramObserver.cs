using HdrHistogram;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Agents;

/// <summary>
/// Receives each reporting interval's latency histograms of one scenario (corrected and uncorrected, µs).
/// The engine's per-interval histogram hook is adapted to this; it must hand a tick's histograms over before
/// the same tick's <c>IEngineObserver.OnInterval</c>, and the histograms are only read during the call.
/// </summary>
internal interface IIntervalHistogramObserver
{
    void OnIntervalHistograms(string scenario, double t, HistogramBase corrected, HistogramBase uncorrected);
}
