using HdrHistogram;

namespace LoadLeak.Engine.Stats;

/// <summary>
/// The corrected and uncorrected interval latencies of one phase. A scenario reuses them for its next phase once this
/// one's last row is taken, so a run of many phases keeps a few sets, not one per phase.
/// An iteration whose two latencies are equal (every closed-model one, and an open-model one that started on time)
/// is recorded once, into the part both histograms share: each recording is a handful of interlocked operations on
/// lines the generator's threads all write, and the hot path paid for two where one carries the same information.
/// </summary>
internal sealed class IntervalRecorders
{
    private readonly Recorder _both = LatencyHistograms.NewRecorder();
    private readonly Recorder _correctedOnly = LatencyHistograms.NewRecorder();
    private readonly Recorder _uncorrectedOnly = LatencyHistograms.NewRecorder();
    private readonly HistogramBase _corrected = LatencyHistograms.NewHistogram();
    private readonly HistogramBase _uncorrected = LatencyHistograms.NewHistogram();
    private HistogramBase? _bothTaken;
    private HistogramBase? _correctedTaken;
    private HistogramBase? _uncorrectedTaken;

    /// <summary>Latencies in microseconds (see <see cref="LatencyHistograms.ToMicros"/>); wait-free, any thread.</summary>
    public void Record(long correctedMicros, long uncorrectedMicros, long count)
    {
        if (correctedMicros == uncorrectedMicros)
        {
            _both.RecordValueWithCount(correctedMicros, count);
            return;
        }
        _correctedOnly.RecordValueWithCount(correctedMicros, count);
        _uncorrectedOnly.RecordValueWithCount(uncorrectedMicros, count);
    }

    /// <summary>What was recorded since the previous take. Reporter thread only; the next take overwrites both histograms.</summary>
    public (HistogramBase Corrected, HistogramBase Uncorrected) Take()
    {
        _bothTaken = TakeInterval(_both, _bothTaken);
        _correctedTaken = TakeInterval(_correctedOnly, _correctedTaken);
        _uncorrectedTaken = TakeInterval(_uncorrectedOnly, _uncorrectedTaken);
        Combine(_corrected, _correctedTaken);
        Combine(_uncorrected, _uncorrectedTaken);
        return (_corrected, _uncorrected);
    }

    private static HistogramBase TakeInterval(Recorder recorder, HistogramBase? recycled) =>
        recycled is null ? recorder.GetIntervalHistogram() : recorder.GetIntervalHistogram(recycled);

    private void Combine(HistogramBase into, HistogramBase own)
    {
        into.Reset();
        if (_bothTaken!.TotalCount > 0) into.Add(_bothTaken);
        if (own.TotalCount > 0) into.Add(own);
        into.StartTimeStamp = _bothTaken.StartTimeStamp;
        into.EndTimeStamp = _bothTaken.EndTimeStamp;
    }
}
