using HdrHistogram;

namespace LoadLeak.Engine.Stats;

/// <summary>
/// The corrected and uncorrected interval latency recorders of one phase. A scenario reuses them for
/// its next phase once this one's last row is taken, so a run of many phases keeps a few pairs, not one per phase.
/// </summary>
internal sealed class IntervalRecorders
{
    private HistogramBase? _corrected;
    private HistogramBase? _uncorrected;

    public Recorder Corrected { get; } = LatencyHistograms.NewRecorder();

    public Recorder Uncorrected { get; } = LatencyHistograms.NewRecorder();

    /// <summary>What was recorded since the previous take. Reporter thread only; the next take overwrites both histograms.</summary>
    public (HistogramBase Corrected, HistogramBase Uncorrected) Take()
    {
        _corrected = _corrected is null ? Corrected.GetIntervalHistogram() : Corrected.GetIntervalHistogram(_corrected);
        _uncorrected = _uncorrected is null ? Uncorrected.GetIntervalHistogram() : Uncorrected.GetIntervalHistogram(_uncorrected);
        return (_corrected, _uncorrected);
    }
}
