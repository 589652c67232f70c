using HdrHistogram;
using LoadLeak.Engine.Api;
using LoadLeak.Results;

namespace LoadLeak.Engine.Running;

/// <summary>A histogram sink that throws must not stop the reporting; its error is logged once.</summary>
internal sealed class GuardedHistogramObserver(IIntervalHistogramObserver inner, IEngineLog log) : IIntervalHistogramObserver
{
    private int _errorLogged;

    public void OnIntervalHistograms(IntervalRow row, HistogramBase corrected, HistogramBase uncorrected)
    {
        try
        {
            inner.OnIntervalHistograms(row, corrected, uncorrected);
        }
        catch (Exception e)
        {
            if (Interlocked.Exchange(ref _errorLogged, 1) == 0)
                log.Warn($"interval histogram observer failed (further failures not logged): {e.Message}");
        }
    }
}
