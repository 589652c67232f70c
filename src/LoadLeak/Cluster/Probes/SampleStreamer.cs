using LoadLeak.Cluster.Members;
using LoadLeak.Cluster.Protocol;
using LoadLeak.Correlator;
using LoadLeak.Correlator.Sampling;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Probes;

/// <summary>
/// Streams what the probe's correlator sees: each new newest second once a second (live, may be revised
/// later), new timeline events as they appear, and at the end the whole settled table in chunks plus the notes.
/// </summary>
internal sealed class SampleStreamer(MemberLink link)
{
    public const int ChunkSize = 200;
    private double _lastLiveT = double.NegativeInfinity;
    private int _eventsSent;

    public void SendLive(TargetCorrelator correlator)
    {
        if (correlator.Latest is { } latest && latest.T > _lastLiveT)
        {
            _lastLiveT = latest.T;
            var seq = link.NextSeq();
            link.Stream(link.Subjects.Probe, seq, new ProbeSamples(seq, false, [latest]));
        }
        SendEvents(correlator.EventsSoFar);
    }

    /// <returns>The number of final samples sent.</returns>
    public int SendFinal(CorrelatorResult result)
    {
        SendEvents(result.Events);
        foreach (var note in result.Notes)
        {
            var seq = link.NextSeq();
            link.Stream(link.Subjects.Probe, seq, new ProbeNote(seq, note));
        }
        foreach (var chunk in result.Samples.Chunk(ChunkSize))
        {
            var seq = link.NextSeq();
            link.Stream(link.Subjects.Probe, seq, new ProbeSamples(seq, true, chunk));
        }
        return result.Samples.Count;
    }

    private void SendEvents(IReadOnlyList<TimelineEvent> events)
    {
        for (; _eventsSent < events.Count; _eventsSent++)
        {
            var e = events[_eventsSent];
            var seq = link.NextSeq();
            link.Stream(link.Subjects.Probe, seq, new ProbeEvent(seq, e.T, e.Kind, e.Message));
        }
    }
}
